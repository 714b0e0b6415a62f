package dev.stint.bench.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Workload 2: N no-op jobs end to end. The engine runs with its {@value EngineKind#WORKERS} workers while
 * one thread stores the jobs with the bulk call ({@value Sizes#BULK} a call); the clock runs from the
 * first call until the engine's storage says all N are finished. Rows: jobs per second, and the p50 and
 * p99 of dispatch-to-start latency under this load (mostly time spent waiting in the queue). Checks
 * that every job started exactly once.
 */
final class EndToEndWorkload implements Workload {
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    @Override
    public String option() {
        return "e2e";
    }

    @Override
    public List<RowSpec> rows(SuiteRun run, EngineKind engine) {
        long n = Sizes.pick(engine, run.sizes().endToEnd(), run.sizes().endToEndPeers());
        return List.of(new RowSpec("2a end to end, no-op jobs", "jobs/s", true, n),
                new RowSpec("2b   dispatch-to-start p50 under that load", "ms", false, n),
                new RowSpec("2c   dispatch-to-start p99 under that load", "ms", false, n));
    }

    @Override
    public void measure(SuiteRun run, EngineKind engine, Sync sync) throws Exception {
        List<RowSpec> specs = rows(run, engine);
        long stintN = rows(run, EngineKind.STINT).get(0).jobs();
        int jobs = (int) specs.get(0).jobs();
        if (run.warmup()) {
            endToEnd(run, engine, sync, Math.max(1, jobs / 10));
        }
        double rate = endToEnd(run, engine, sync, jobs);
        long[] latencies = JobProbe.latencies(jobs);
        run.add(specs.get(0), stintN, engine, sync, rate);
        run.add(specs.get(1), stintN, engine, sync, JobProbe.percentile(latencies, 50) / 1e6);
        run.add(specs.get(2), stintN, engine, sync, JobProbe.percentile(latencies, 99) / 1e6);
    }

    private static double endToEnd(SuiteRun run, EngineKind engine, Sync sync, int jobs) throws Exception {
        Path dir = run.freshDir("e2e");
        try (Engine e = engine.open(dir, sync, true)) {
            JobProbe.reset(jobs);
            long t0 = System.nanoTime();
            for (int n = 0; n < jobs; n += Sizes.BULK) {
                int count = Math.min(Sizes.BULK, jobs - n);
                JobProbe.dispatching(n, count);
                e.dispatchBatch(n, count);
            }
            e.awaitFinished(jobs, TIMEOUT);
            long t1 = System.nanoTime();
            if (JobProbe.starts() != jobs) {
                throw new IllegalStateException(engine.label() + ": " + JobProbe.starts() + " job starts for " + jobs
                        + " jobs");
            }
            return jobs / ((t1 - t0) / 1e9);
        } finally {
            SuiteRun.delete(dir);
        }
    }
}
