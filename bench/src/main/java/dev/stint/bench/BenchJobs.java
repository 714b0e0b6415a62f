package dev.stint.bench;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** The job types the benchmark runs. Registered by {@link BenchCatalog}, not by the annotation processor. */
public final class BenchJobs {
    private BenchJobs() {
    }

    /** Fails its first attempt when {@code fail} is set (a retryable error), then does nothing. */
    @JobType(name = "bench.flaky")
    public static class FlakyNoopJob implements Job<Void> {
        boolean fail;

        public FlakyNoopJob() {
        }

        public FlakyNoopJob(boolean fail) {
            this.fail = fail;
        }

        @Override
        public Void run(JobContext ctx) {
            if (fail && ctx.attempt() == 1) {
                throw new dev.stint.RetryableJobException("first attempt fails");
            }
            return null;
        }
    }

    /** Does nothing: measures the engine's own cost per job. Carries a small state (one number). */
    @JobType(name = "bench.noop")
    public static class NoopJob implements Job<Void> {
        long n;

        public NoopJob() {
        }

        public NoopJob(long n) {
            this.n = n;
        }

        @Override
        public Void run(JobContext ctx) {
            return null;
        }
    }

    /** Calls {@link JobContext#checkpoint()} {@code times} times; its state is three small fields. */
    @JobType(name = "bench.checkpoint")
    public static class CheckpointJob implements Job<Long> {
        long times;
        long done;
        String label = "checkpoint-benchmark";

        public CheckpointJob() {
        }

        public CheckpointJob(long times) {
            this.times = times;
        }

        @Override
        public Long run(JobContext ctx) {
            while (done < times) {
                done++;
                ctx.checkpoint();
            }
            return done;
        }
    }

    /**
     * Records when the first job of a library starts running (for the time-to-first-job measurement),
     * then returns at once.
     */
    @JobType(name = "bench.probe")
    public static class ProbeJob implements Job<Void> {
        static final AtomicLong FIRST_START_NANOS = new AtomicLong();
        static volatile CountDownLatch firstStarted = new CountDownLatch(1);

        long n;

        public ProbeJob() {
        }

        public ProbeJob(long n) {
            this.n = n;
        }

        /** Forgets the previous start, before a library opens. */
        static void reset() {
            FIRST_START_NANOS.set(0);
            firstStarted = new CountDownLatch(1);
        }

        @Override
        public Void run(JobContext ctx) {
            FIRST_START_NANOS.compareAndSet(0, System.nanoTime());
            firstStarted.countDown();
            return null;
        }
    }

    /**
     * A tight loop of {@code calls} iterations with a cheap data dependency (so the JIT can neither drop
     * nor vectorize it), with or without a {@link JobContext#reportCount} call per iteration. Returns the
     * loop's duration in nanoseconds, measured inside the job.
     */
    @JobType(name = "bench.progress")
    public static class ProgressJob implements Job<Long> {
        long calls;
        boolean report;
        long sink;

        public ProgressJob() {
        }

        public ProgressJob(long calls, boolean report) {
            this.calls = calls;
            this.report = report;
        }

        @Override
        public Long run(JobContext ctx) {
            long start = System.nanoTime();
            long acc = report ? reporting(ctx, calls) : empty(calls);
            long elapsed = System.nanoTime() - start;
            sink = acc;
            return elapsed;
        }

        private static long empty(long n) {
            long acc = 17;
            for (long i = 1; i <= n; i++) {
                acc += i ^ (acc >>> 7);
            }
            return acc;
        }

        private static long reporting(JobContext ctx, long n) {
            long acc = 17;
            for (long i = 1; i <= n; i++) {
                acc += i ^ (acc >>> 7);
                ctx.reportCount(i, n);
            }
            return acc;
        }
    }

    /** Runs until {@link #RELEASE} opens (checking for interruption): holds its run rules meanwhile. */
    @JobType(name = "bench.holder")
    public static class HolderJob implements Job<Void> {
        /** Opened by the benchmark to let holders end. */
        public static volatile java.util.concurrent.CountDownLatch RELEASE = new java.util.concurrent.CountDownLatch(1);

        @Override
        public Void run(JobContext ctx) throws InterruptedException {
            while (!RELEASE.await(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                ctx.checkInterrupted();
            }
            return null;
        }
    }
}
