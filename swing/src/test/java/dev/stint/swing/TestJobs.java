package dev.stint.swing;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import dev.stint.Library;
import dev.stint.spi.JobCatalog;
import dev.stint.spi.JobDescriptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Jobs for the adapter's tests, registered by hand (the registry processor is not run here). */
public final class TestJobs {
    /** Latches that {@link GateJob}s wait on, by gate name. */
    static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    private TestJobs() {
    }

    static final JobCatalog CATALOG = () -> List.of(
            new JobDescriptor("swing.chatty", 1, true, ChattyJob.class, Long.class),
            new JobDescriptor("swing.gate", 1, true, GateJob.class, Long.class),
            new JobDescriptor("swing.fail", 1, true, FailJob.class, Void.class),
            new JobDescriptor("swing.parent", 1, true, ParentJob.class, Integer.class));

    /** A library with the test jobs; progress delivered every millisecond to stress the adapter. */
    static Library open(Path dir, boolean autoStart) {
        return Library.builder(dir).catalog(CATALOG).concurrency(2).progressInterval(Duration.ofMillis(1))
                .shutdownTimeout(Duration.ofSeconds(5)).autoStart(autoStart).open();
    }

    /** A new closed gate. */
    static String gate(String name) {
        GATES.put(name, new CountDownLatch(1));
        return name;
    }

    /** Opens a gate: its jobs finish. */
    static void open(String name) {
        GATES.get(name).countDown();
    }

    /** Reports {@code times} count progress values as fast as it can. */
    @JobType(name = "swing.chatty")
    public static class ChattyJob implements Job<Long> {
        public long times = 1_000_000;

        public ChattyJob() {
        }

        @Override
        public Long run(JobContext ctx) {
            for (long i = 1; i <= times; i++) {
                ctx.reportCount(i, times);
            }
            return times;
        }
    }

    /** Runs (reporting count progress up to 99 of 100) until its gate opens, checking for interruption. */
    @JobType(name = "swing.gate")
    public static class GateJob implements Job<Long> {
        public String gate;
        public long step;

        public GateJob() {
        }

        public GateJob(String gate) {
            this.gate = gate;
        }

        @Override
        public Long run(JobContext ctx) throws InterruptedException {
            CountDownLatch latch = GATES.get(gate);
            while (!latch.await(2, TimeUnit.MILLISECONDS)) {
                ctx.checkInterrupted();
                step = Math.min(99, step + 1);
                ctx.reportCount(step, 100);
            }
            ctx.reportCount(100, 100);
            return step;
        }
    }

    /** Spawns two {@link GateJob}s on its gate and waits for them (without holding a worker). */
    @JobType(name = "swing.parent")
    public static class ParentJob implements Job<Integer> {
        public String gate;

        public ParentJob() {
        }

        public ParentJob(String gate) {
            this.gate = gate;
        }

        @Override
        public Integer run(JobContext ctx) throws Exception {
            List<String> ids = ctx.spawn(List.of(new GateJob(gate), new GateJob(gate)));
            return ctx.awaitChildren(ids, dev.stint.ChildFailurePolicy.FAIL_PARENT).size();
        }
    }

    /** Fails at once. */
    @JobType(name = "swing.fail")
    public static class FailJob implements Job<Void> {
        public FailJob() {
        }

        @Override
        public Void run(JobContext ctx) {
            throw new IllegalStateException("fails on purpose");
        }
    }
}
