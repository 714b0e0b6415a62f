package dev.stint.sample.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import dev.stint.RetryableJobException;
import java.util.Map;

/**
 * {@code demo.flaky}: throws a retryable error on its first {@code failTimes} attempts, then outputs
 * {@code {"attempts": failTimes + 1}}. Dispatch it with enough attempts, for example
 * {@code --max-attempts 4 --backoff 1s}.
 */
@JobType(name = "demo.flaky", version = 1)
public class FlakyJob implements Job<Map<String, Integer>> {
    private int failTimes = 1;

    /** For the engine. */
    public FlakyJob() {
    }

    /** A job that fails {@code failTimes} times before it succeeds. */
    public FlakyJob(int failTimes) {
        this.failTimes = failTimes;
    }

    @Override
    public Map<String, Integer> run(JobContext ctx) {
        if (ctx.attempt() <= failTimes) {
            ctx.log().warn("attempt {} fails on purpose ({} to go)", ctx.attempt(), failTimes - ctx.attempt() + 1);
            throw new RetryableJobException("attempt " + ctx.attempt() + " of demo.flaky failed on purpose");
        }
        return Map.of("attempts", ctx.attempt());
    }
}
