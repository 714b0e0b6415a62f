package dev.stint.bench.compare;

import dev.stint.JobCounts;
import dev.stint.JobStatus;
import dev.stint.Library;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stint: one library, concurrency {@link EngineKind#WORKERS}, {@code powerSafe} from the run's sync setting,
 * every other setting at its default (history keeps the newest 10,000 finished jobs, pruned every 1,000).
 */
final class StintEngine implements Engine {
    private static final StintJobs CATALOG = new StintJobs();
    private final Library library;

    private StintEngine(Library library) {
        this.library = library;
    }

    static StintEngine open(Path dir, Sync sync, boolean workers) {
        return new StintEngine(Library.builder(dir).catalog(CATALOG).useServiceLoader(false)
                .powerSafe(sync.powerSafe()).autoStart(workers).concurrency(EngineKind.WORKERS).open());
    }

    @Override
    public void dispatch(long n) {
        library.dispatch(new StintJobs.ProbedNoopJob(n));
    }

    @Override
    public void dispatchBatch(long from, int count) {
        List<StintJobs.ProbedNoopJob> jobs = new ArrayList<>(count);
        for (long n = from; n < from + count; n++) {
            jobs.add(new StintJobs.ProbedNoopJob(n));
        }
        library.dispatchAll(jobs);
    }

    /**
     * Every job dispatched so far is stored before this is called, so "idle with no job queued, running or
     * paused, none failed" means all {@code total} are completed (history is pruned to its newest 10,000,
     * so it cannot be counted).
     */
    @Override
    public void awaitFinished(long total, Duration timeout) throws InterruptedException {
        if (!library.awaitIdle(timeout)) {
            throw new BenchTimeoutException("Stint: not idle within " + timeout);
        }
        // idle: nothing runnable is left; the bench dispatches no delayed or paused job, so every job must
        // be completed now
        JobCounts counts = library.counts();
        if (counts.of(JobStatus.FAILED) + counts.of(JobStatus.CANCELLED) > 0) {
            throw new IllegalStateException("Stint: jobs failed or were cancelled: " + counts.byStatus());
        }
        if (counts.of(JobStatus.QUEUED) + counts.of(JobStatus.RUNNING) + counts.of(JobStatus.PAUSED) > 0) {
            throw new IllegalStateException("Stint: idle with unfinished jobs: " + counts.byStatus() + " of "
                    + total);
        }
    }

    @Override
    public long checkpoints(int times, int bytes) throws Exception {
        return library.dispatch(new StintJobs.StateCheckpointJob(times, bytes)).result().get(10, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        library.close();
    }
}
