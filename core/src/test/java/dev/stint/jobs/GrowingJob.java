package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Takes {@code steps} steps, one per permit a test releases on its gate; each step grows the state by
 * {@code growBytes} and checkpoints it. So a test decides exactly when a (growing) checkpoint is written.
 */
@JobType(name = "test.growing")
public class GrowingJob implements Job<Integer> {
    /** Permits by gate name: each lets one step run. */
    public static final Map<String, Semaphore> GATES = new ConcurrentHashMap<>();

    String gate;
    int steps;
    int growBytes;
    int done;
    String ballast = "";

    public GrowingJob() {
    }

    public GrowingJob(String gate, int steps, int growBytes) {
        this.gate = gate;
        this.steps = steps;
        this.growBytes = growBytes;
        GATES.putIfAbsent(gate, new Semaphore(0));
    }

    /** Lets {@code n} more steps run. */
    public static void release(String gate, int n) {
        GATES.computeIfAbsent(gate, g -> new Semaphore(0)).release(n);
    }

    @Override
    public Integer run(JobContext ctx) throws InterruptedException {
        Semaphore permits = GATES.computeIfAbsent(gate, g -> new Semaphore(0));
        while (done < steps) {
            ctx.checkInterrupted();
            if (!permits.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                continue;
            }
            ballast = ballast + "g".repeat(growBytes);
            done++;
            ctx.checkpoint();
            ctx.reportCount(done, steps);
        }
        return done;
    }
}
