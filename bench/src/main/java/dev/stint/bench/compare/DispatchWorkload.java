package dev.stint.bench.compare;

import java.nio.file.Path;
import java.util.List;

/**
 * Workload 1: store N no-op jobs with no workers running, first with one call per job from one thread,
 * then with the engine's bulk call, {@value Sizes#BULK} jobs a call. Jobs per second.
 */
final class DispatchWorkload implements Workload {

    @Override
    public String option() {
        return "dispatch";
    }

    @Override
    public List<RowSpec> rows(SuiteRun run, EngineKind engine) {
        Sizes s = run.sizes();
        return List.of(
                new RowSpec("1a dispatch, one call per job", "jobs/s", true,
                        Sizes.pick(engine, s.dispatchOne(), s.dispatchOnePeers())),
                new RowSpec("1b dispatch, bulk calls of " + Sizes.BULK, "jobs/s", true,
                        Sizes.pick(engine, s.dispatchBulk(), s.dispatchBulkPeers())));
    }

    @Override
    public void measure(SuiteRun run, EngineKind engine, Sync sync) throws Exception {
        List<RowSpec> specs = rows(run, engine);
        List<RowSpec> stint = rows(run, EngineKind.STINT);
        RowSpec one = specs.get(0);
        RowSpec bulk = specs.get(1);
        if (run.warmup()) {
            single(run, engine, sync, Math.max(1, (int) one.jobs() / 10));
        }
        run.add(one, stint.get(0).jobs(), engine, sync, single(run, engine, sync, (int) one.jobs()));
        if (run.warmup()) {
            bulk(run, engine, sync, Math.max(1, (int) bulk.jobs() / 10));
        }
        run.add(bulk, stint.get(1).jobs(), engine, sync, bulk(run, engine, sync, (int) bulk.jobs()));
    }

    private static double single(SuiteRun run, EngineKind engine, Sync sync, int jobs) throws Exception {
        Path dir = run.freshDir("dispatch");
        try (Engine e = engine.open(dir, sync, false)) {
            JobProbe.reset(0);
            long t0 = System.nanoTime();
            for (int n = 0; n < jobs; n++) {
                e.dispatch(n);
            }
            return jobs / ((System.nanoTime() - t0) / 1e9);
        } finally {
            SuiteRun.delete(dir);
        }
    }

    private static double bulk(SuiteRun run, EngineKind engine, Sync sync, int jobs) throws Exception {
        Path dir = run.freshDir("bulk");
        try (Engine e = engine.open(dir, sync, false)) {
            JobProbe.reset(0);
            long t0 = System.nanoTime();
            for (int n = 0; n < jobs; n += Sizes.BULK) {
                e.dispatchBatch(n, Math.min(Sizes.BULK, jobs - n));
            }
            return jobs / ((System.nanoTime() - t0) / 1e9);
        } finally {
            SuiteRun.delete(dir);
        }
    }
}
