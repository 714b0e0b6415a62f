package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;

/** Logs a few lines through its context. */
@JobType(name = "test.logging")
public class LoggingJob implements Job<Void> {
    int lines = 3;

    @Override
    public Void run(JobContext ctx) {
        for (int i = 1; i <= lines; i++) {
            ctx.log().info("line {} of {}", i, lines);
        }
        ctx.log().warn("careful: {}", "disk almost full");
        return null;
    }
}
