package com.example.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Adds the numbers 1..to, one item at a time, with a checkpoint every {@code checkpointEvery} items: a job
 * that can be paused, and resumes where it stopped, in this process or after a restart.
 */
@JobType(name = "example.sum", version = 1)
public class SumJob implements Job<SumJob.Result> {

    /** The output: the sum, and how many items were already done when the last run started. */
    public record Result(long sum, int resumedFrom) {
    }

    /**
     * Example only: opened when a first run reaches {@code holdAt}, where the job then waits until it is
     * paused. It makes the example's pause land at the same item every time; a real app pauses when the
     * user clicks, wherever the job is.
     */
    public static final CountDownLatch HELD = new CountDownLatch(1);

    int to;              // state: the arguments...
    int checkpointEvery;
    int holdAt;
    int done;            // ...and how far it got
    long sum;

    public SumJob() {
    }

    public SumJob(int to, int checkpointEvery, int holdAt) {
        this.to = to;
        this.checkpointEvery = checkpointEvery;
        this.holdAt = holdAt;
    }

    @Override
    public Result run(JobContext ctx) {
        int startedFrom = done;
        while (done < to) {
            ctx.checkInterrupted();                       // pause, cancel and shutdown stop here
            done++;
            sum += done;
            ctx.reportCount(done, to);
            if (done % checkpointEvery == 0) {
                ctx.checkpoint();                         // committed before it returns
            }
            if (done == holdAt && !ctx.isResumed()) {
                waitUntilStopped(ctx);
            }
        }
        return new Result(sum, startedFrom);
    }

    private static void waitUntilStopped(JobContext ctx) {
        HELD.countDown();
        while (true) {
            ctx.checkInterrupted();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
