package dev.stint.bench.compare;

import java.nio.file.Path;
import java.util.List;

/**
 * Workload 3: one job saves 1 KiB of state N times (10,000 by default), each save committed before it
 * returns: checkpoints per second. Stint: {@code ctx.checkpoint()} of a job whose state is a 1 KiB
 * array. Raw limit: single-row {@code UPDATE}s of a 1 KiB blob, one commit each. The peers have no way
 * to save a running job's state (n/a).
 */
final class CheckpointWorkload implements Workload {

    @Override
    public String option() {
        return "checkpoint";
    }

    @Override
    public List<RowSpec> rows(SuiteRun run, EngineKind engine) {
        return List.of(new RowSpec("3  checkpoint " + run.sizes().checkpointBytes() + " B of state", "ckpt/s", true,
                run.sizes().checkpoints()));
    }

    @Override
    public void measure(SuiteRun run, EngineKind engine, Sync sync) throws Exception {
        RowSpec spec = rows(run, engine).get(0);
        int times = (int) spec.jobs();
        int bytes = run.sizes().checkpointBytes();
        Path dir = run.freshDir("checkpoint");
        try (Engine e = engine.open(dir, sync, true)) {
            if (run.warmup()) {
                e.checkpoints(Math.max(1, times / 10), bytes);
            }
            long nanos = e.checkpoints(times, bytes);
            run.add(spec, times, engine, sync, times / (nanos / 1e9));
        } finally {
            SuiteRun.delete(dir);
        }
    }
}
