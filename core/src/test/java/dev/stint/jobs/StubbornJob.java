package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.util.concurrent.CountDownLatch;

/**
 * Checkpoints once, then never calls {@code checkInterrupted()}: it blocks until its thread is interrupted
 * (which the engine does only when it abandons the job at shutdown).
 */
@JobType(name = "test.stubborn")
public class StubbornJob implements Job<String> {
    public static volatile CountDownLatch started = new CountDownLatch(1);

    int phase;

    @Override
    public String run(JobContext ctx) {
        phase = 1;
        ctx.checkpoint();
        started.countDown();
        phase = 2; // never checkpointed
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            return "thread interrupted";
        }
        return "unreachable";
    }
}
