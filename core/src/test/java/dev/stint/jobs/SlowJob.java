package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Steps until released by a test: each step waits on a latch registered under {@code gate}, so a test
 * controls exactly how far the job gets. Checks for interruption between steps.
 */
@JobType(name = "test.slow")
public class SlowJob implements Job<Integer> {
    /** Gates by name; a step proceeds when its gate's latch is open. */
    public static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    /** Counted down each time a run reaches a step. */
    public static final Map<String, java.util.concurrent.Semaphore> REACHED = new ConcurrentHashMap<>();

    String gate;
    int steps;
    int done;

    public SlowJob() {
    }

    public SlowJob(String gate, int steps) {
        this.gate = gate;
        this.steps = steps;
    }

    public static void prepare(String gate) {
        GATES.put(gate, new CountDownLatch(1));
        REACHED.put(gate, new java.util.concurrent.Semaphore(0));
    }

    public static void open(String gate) {
        GATES.get(gate).countDown();
    }

    /** Waits until a run has reached a step (and is waiting on, or past, the gate). */
    public static boolean awaitReached(String gate) throws InterruptedException {
        return REACHED.get(gate).tryAcquire(10, TimeUnit.SECONDS);
    }

    @Override
    public Integer run(JobContext ctx) throws InterruptedException {
        while (done < steps) {
            ctx.checkInterrupted();
            REACHED.get(gate).release();
            CountDownLatch latch = GATES.get(gate);
            while (!latch.await(10, TimeUnit.MILLISECONDS)) {
                ctx.checkInterrupted();
            }
            done++;
            ctx.reportCount(done, steps);
        }
        return done;
    }
}
