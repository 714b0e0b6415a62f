package dev.stint.sample.jobs;

import dev.stint.CriticalJobException;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;

/**
 * {@code demo.count}: counts 1..{@code to}, sleeping {@code sleepMillis} per number, reporting count
 * progress and checkpointing every {@code checkpointEvery} numbers.
 *
 * <p>Arguments: {@code {"to": N, "checkpointEvery": K, "sleepMillis": S}}. Output: the sum and the count
 * the job resumed at.
 */
@JobType(name = "demo.count", version = 1)
public class CountJob implements Job<CountResult> {
    private long to = 100;
    private long checkpointEvery = 10;
    private long sleepMillis;
    private long count;
    private long sum;

    /** For the engine: state is filled in from arguments or a checkpoint. */
    public CountJob() {
    }

    /** A job counting to {@code to}. */
    public CountJob(long to, long checkpointEvery, long sleepMillis) {
        this.to = to;
        this.checkpointEvery = checkpointEvery;
        this.sleepMillis = sleepMillis;
    }

    @Override
    public CountResult run(JobContext ctx) throws InterruptedException {
        if (to < 0 || checkpointEvery < 0 || sleepMillis < 0) {
            throw new CriticalJobException("to, checkpointEvery and sleepMillis must be >= 0");
        }
        long resumedFrom = count;
        ctx.reportCount(count, to);
        while (count < to) {
            ctx.checkInterrupted();
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
            }
            long n = count + 1;
            sum += n;
            count = n;
            ctx.reportCount(count, to);
            if (checkpointEvery > 0 && count % checkpointEvery == 0) {
                ctx.checkpoint();
            }
        }
        return new CountResult(sum, resumedFrom);
    }
}
