package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;

/** Reports {@code count} non-critical errors of {@code chars} NUL characters each, then completes. */
@JobType(name = "test.error-spammer")
public class ErrorSpammerJob implements Job<String> {
    int count;
    int chars;

    public ErrorSpammerJob() {
    }

    public ErrorSpammerJob(int count, int chars) {
        this.count = count;
        this.chars = chars;
    }

    @Override
    public String run(JobContext ctx) {
        String message = "\0".repeat(chars);
        for (int i = 0; i < count; i++) {
            ctx.reportNonCriticalError(i + ":" + message);
        }
        return "reported " + count;
    }
}
