package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;

/** A job type that cannot resume. */
@JobType(name = "test.nonresumable", resumable = false)
public class NonResumableJob implements Job<String> {
    String gate;

    public NonResumableJob() {
    }

    public NonResumableJob(String gate) {
        this.gate = gate;
    }

    @Override
    public String run(JobContext ctx) throws InterruptedException {
        SlowJob.REACHED.get(gate).release();
        while (!SlowJob.GATES.get(gate).await(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            ctx.checkInterrupted();
        }
        return "ran";
    }
}
