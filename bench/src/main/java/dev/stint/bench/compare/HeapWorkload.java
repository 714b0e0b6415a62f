package dev.stint.bench.compare;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Workload 5: heap while N jobs are queued. The file is filled with N jobs (bulk call) and closed; the
 * used heap after a full GC is read (the baseline); the engine is opened with its workers, whose first
 * jobs block in their body so the rest stays queued; after they started, the used heap after GC is
 * sampled five times, 200 ms apart. Row: the peak sample minus the baseline, in MiB, at N and at N/100
 * queued (heap independent of the queue means the two are about equal). Measured in the suite's JVM, so
 * class metadata and caches of engines that ran earlier are part of the baseline, not of the figure.
 * Runs once, at FULL.
 */
final class HeapWorkload implements Workload {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final int SAMPLES = 5;

    @Override
    public String option() {
        return "heap";
    }

    @Override
    public boolean dependsOnSync() {
        return false;
    }

    @Override
    public List<RowSpec> rows(SuiteRun run, EngineKind engine) {
        int n = Sizes.pick(engine, run.sizes().heapQueued(), run.sizes().heapQueuedPeers());
        int small = Math.max(1, n / 100);
        return List.of(new RowSpec("5a heap above baseline, N queued", "MiB", false, n),
                new RowSpec("5b heap above baseline, N/100 queued", "MiB", false, small));
    }

    @Override
    public void measure(SuiteRun run, EngineKind engine, Sync sync) throws Exception {
        List<RowSpec> specs = rows(run, engine);
        List<RowSpec> stint = rows(run, EngineKind.STINT);
        for (int i = 0; i < specs.size(); i++) {
            run.add(specs.get(i), stint.get(i).jobs(), engine, null, heapWithQueued(run, engine, sync,
                    (int) specs.get(i).jobs()));
        }
    }

    private static double heapWithQueued(SuiteRun run, EngineKind engine, Sync sync, int queued) throws Exception {
        Path dir = run.freshDir("heap");
        try {
            try (Engine e = engine.open(dir, sync, false)) {
                for (int n = 0; n < queued; n += Sizes.BULK) {
                    e.dispatchBatch(n, Math.min(Sizes.BULK, queued - n));
                }
            }
            long baseline = usedAfterGc();
            JobProbe.reset(0);
            JobProbe.closeGate();
            Engine opened = engine.open(dir, sync, true);
            try {
                JobProbe.awaitStarts(Math.min(queued, engine.workers()), TIMEOUT, "heap");
                long peak = 0;
                for (int i = 0; i < SAMPLES; i++) {
                    LockSupport.parkNanos(200_000_000L);
                    peak = Math.max(peak, usedAfterGc());
                }
                return (peak - baseline) / (1024.0 * 1024.0);
            } finally {
                JobProbe.openGate(); // let the blocked jobs end before the engine shuts down
                opened.close();
            }
        } finally {
            JobProbe.openGate();
            SuiteRun.delete(dir);
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
