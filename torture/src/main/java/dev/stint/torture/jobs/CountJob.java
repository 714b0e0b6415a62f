package dev.stint.torture.jobs;

import dev.stint.JobContext;
import dev.stint.JobType;
import dev.stint.RetryableJobException;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts 1..{@code to}, logging each item ({@code I}) before it is added to the state, and checkpointing
 * every {@code every} items (logging {@code C} once the checkpoint returned, that is, committed). With
 * {@code failAttempts} > 0 it is the flaky job: attempts 1..failAttempts throw a retryable error half-way,
 * after some committed checkpoints, so a retry resumes from them.
 */
@JobType(name = "torture.count")
public class CountJob implements dev.stint.Job<CountJob.Result> {
    /** The output: the sum of 1..to, and the count this run resumed from. */
    public record Result(long sum, long resumedFrom) {
    }

    long to;
    long every;
    long sleepMicros;
    int failAttempts;
    long count;
    long sum;

    public CountJob() {
    }

    public CountJob(long to, long every, long sleepMicros, int failAttempts) {
        this.to = to;
        this.every = every;
        this.sleepMicros = sleepMicros;
        this.failAttempts = failAttempts;
    }

    @Override
    public Result run(JobContext ctx) {
        SideLog side = SideLog.of(ctx.jobId());
        side.append('R', count);
        side.append('A', ctx.attempt());
        long resumedFrom = count;
        while (count < to) {
            ctx.checkInterrupted();
            long n = count + 1;
            if (ctx.attempt() <= failAttempts && n == to / 2) {
                throw new RetryableJobException("attempt " + ctx.attempt() + " fails at item " + n + " (by design)");
            }
            side.append('I', n);
            if (sleepMicros > 0) {
                LockSupport.parkNanos(sleepMicros * 1000); // simulated work
            }
            sum += n;
            count = n;
            ctx.reportCount(count, to);
            if (every > 0 && count % every == 0) {
                ctx.checkpoint();
                side.append('C', count);
            }
        }
        return new Result(sum, resumedFrom);
    }
}
