package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import dev.stint.RetryableJobException;
import java.util.Map;

/** Throws a retryable error on its first {@code failTimes} attempts, then outputs {@code {"attempts": n}}. */
@JobType(name = "test.flaky")
public class FlakyJob implements Job<Map<String, Object>> {
    int failTimes;

    public FlakyJob() {
    }

    public FlakyJob(int failTimes) {
        this.failTimes = failTimes;
    }

    @Override
    public Map<String, Object> run(JobContext ctx) {
        if (ctx.attempt() <= failTimes) {
            throw new RetryableJobException("attempt " + ctx.attempt() + " failed on purpose");
        }
        return Map.of("attempts", ctx.attempt());
    }
}
