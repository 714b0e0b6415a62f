package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;

/** Leaves its thread's interrupt flag set, then returns or throws InterruptedException, as careless code does. */
@JobType(name = "test.self-interrupting")
public class SelfInterruptingJob implements Job<String> {
    boolean throwIt;

    public SelfInterruptingJob() {
    }

    public SelfInterruptingJob(boolean throwIt) {
        this.throwIt = throwIt;
    }

    @Override
    public String run(JobContext ctx) throws Exception {
        Thread.currentThread().interrupt();
        if (throwIt) {
            throw new InterruptedException("interrupted by the job itself");
        }
        return "done";
    }
}
