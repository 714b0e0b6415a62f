package dev.stint.bench.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Workload 2, latency on an idle engine: one job at a time is dispatched with the one-job call; the next
 * is dispatched only after the previous one is finished and the engine has been idle for a few
 * milliseconds. Dispatch-to-start is the time from just before the dispatch call to the first line of
 * the job's body, both read from {@link System#nanoTime()}. JobRunr polls (5 s minimum), so it gets a
 * few samples only.
 */
final class IdleLatencyWorkload implements Workload {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final long SETTLE_NANOS = 5_000_000;

    @Override
    public String option() {
        return "latency";
    }

    @Override
    public List<RowSpec> rows(SuiteRun run, EngineKind engine) {
        Sizes s = run.sizes();
        long n = switch (engine) {
            case JOBRUNR -> s.latencySamplesJobRunr();
            case STINT, RAW, RAW_STINT_SCHEMA -> s.latencySamples();
            default -> s.latencySamplesPeers();
        };
        return List.of(new RowSpec("2d idle engine: dispatch-to-start p50", "ms", false, n),
                new RowSpec("2e idle engine: dispatch-to-start p99", "ms", false, n));
    }

    @Override
    public void measure(SuiteRun run, EngineKind engine, Sync sync) throws Exception {
        List<RowSpec> specs = rows(run, engine);
        long stintN = rows(run, EngineKind.STINT).get(0).jobs();
        int samples = (int) specs.get(0).jobs();
        Path dir = run.freshDir("latency");
        try (Engine e = engine.open(dir, sync, true)) {
            int warmup = run.warmup() && engine != EngineKind.JOBRUNR ? samples / 5 + 1 : 0;
            if (warmup > 0) {
                sample(e, warmup, 0);
            }
            long[] latencies = sample(e, samples, warmup);
            run.add(specs.get(0), stintN, engine, sync, JobProbe.percentile(latencies, 50) / 1e6);
            run.add(specs.get(1), stintN, engine, sync, JobProbe.percentile(latencies, 99) / 1e6);
        } finally {
            SuiteRun.delete(dir);
        }
    }

    /** {@code finishedBefore}: jobs this engine finished before (its storage counts them all). */
    private static long[] sample(Engine e, int samples, int finishedBefore) throws Exception {
        JobProbe.reset(samples);
        for (int n = 0; n < samples; n++) {
            JobProbe.dispatching(n, 1);
            e.dispatch(n);
            JobProbe.awaitStarts(n + 1, TIMEOUT, "idle latency");
            e.awaitFinished(finishedBefore + n + 1, TIMEOUT);
            LockSupport.parkNanos(SETTLE_NANOS);
        }
        return JobProbe.latencies(samples);
    }
}
