package dev.stint.bench.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Workload 4: a file holding N queued jobs (stored with the bulk call, then closed) is opened with
 * workers; milliseconds from the open call until the first job's body starts. Warm JVM: class loading
 * and sqlite-jdbc's native library are already done.
 */
final class OpenWorkload implements Workload {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Override
    public String option() {
        return "open";
    }

    @Override
    public List<RowSpec> rows(SuiteRun run, EngineKind engine) {
        return List.of(new RowSpec("4  open with N queued, to first job start", "ms", false,
                Sizes.pick(engine, run.sizes().openQueued(), run.sizes().openQueuedPeers())));
    }

    @Override
    public void measure(SuiteRun run, EngineKind engine, Sync sync) throws Exception {
        RowSpec spec = rows(run, engine).get(0);
        int queued = (int) spec.jobs();
        Path dir = run.freshDir("open");
        try {
            try (Engine e = engine.open(dir, sync, false)) {
                for (int n = 0; n < queued; n += Sizes.BULK) {
                    e.dispatchBatch(n, Math.min(Sizes.BULK, queued - n));
                }
            }
            JobProbe.reset(0);
            long t0 = System.nanoTime();
            Engine opened = engine.open(dir, sync, true);
            try {
                JobProbe.awaitStarts(1, TIMEOUT, "open");
                double ms = (JobProbe.firstStartNanos() - t0) / 1e6;
                run.add(spec, rows(run, EngineKind.STINT).get(0).jobs(), engine, sync, ms);
            } finally {
                opened.close();
            }
        } finally {
            SuiteRun.delete(dir);
        }
    }
}
