package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;

/** Reports count progress {@code times} times in a tight loop. */
@JobType(name = "test.chatty")
public class ChattyJob implements Job<Long> {
    long times;

    public ChattyJob() {
    }

    public ChattyJob(long times) {
        this.times = times;
    }

    @Override
    public Long run(JobContext ctx) {
        for (long i = 1; i <= times; i++) {
            ctx.reportCount(i, times);
        }
        return times;
    }
}
