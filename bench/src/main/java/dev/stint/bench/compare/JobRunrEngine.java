package dev.stint.bench.compare;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.LongStream;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.sql.sqlite.SqLiteStorageProvider;

/**
 * JobRunr 8.7.0 with its SQLite storage provider (which creates its tables), the job-request API (no
 * lambda analysis), 16 workers and the minimum poll interval, 5 s: a job enqueued on an idle server waits
 * for the next poll. JSON through Jackson (found on the class path). A finished job stays in
 * {@code jobrunr_jobs} in state {@code SUCCEEDED}.
 */
final class JobRunrEngine implements Engine {
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

    private final Path file;
    private final HikariDataSource pool;
    private final SqLiteStorageProvider storage;
    private final JobRequestScheduler scheduler;

    private JobRunrEngine(Path file, HikariDataSource pool, SqLiteStorageProvider storage, JobRequestScheduler scheduler) {
        this.file = file;
        this.pool = pool;
        this.storage = storage;
        this.scheduler = scheduler;
    }

    static JobRunrEngine open(Path dir, Sync sync, boolean workers) {
        Path file = dir.resolve("jobrunr.db");
        HikariDataSource pool = SqliteFiles.singleConnectionPool(file, sync, "jobrunr");
        SqLiteStorageProvider storage = new SqLiteStorageProvider(pool);
        JobRequestScheduler scheduler = JobRunr.configure().useStorageProvider(storage)
                .useJobActivator(new NoopActivator())
                .useBackgroundJobServerIf(workers, BackgroundJobServerConfiguration
                        .usingStandardBackgroundJobServerConfiguration().andWorkerCount(EngineKind.WORKERS)
                        .andPollInterval(POLL_INTERVAL))
                .initialize().getJobRequestScheduler();
        return new JobRunrEngine(file, pool, storage, scheduler);
    }

    @Override
    public void dispatch(long n) {
        scheduler.enqueue(new NoopRequest(n));
    }

    @Override
    public void dispatchBatch(long from, int count) {
        scheduler.enqueue(LongStream.range(from, from + count).mapToObj(NoopRequest::new));
    }

    @Override
    public void awaitFinished(long total, Duration timeout) throws Exception {
        SqliteFiles.awaitCount(file, "SELECT count(*) FROM jobrunr_jobs WHERE state = 'SUCCEEDED'", total,
                timeout.plus(POLL_INTERVAL), "JobRunr");
    }

    @Override
    public void close() {
        try {
            JobRunr.destroy();
        } finally {
            storage.close();
            pool.close();
        }
    }

    /** JobRunr's no-op job request: {@code n} is serialized as JSON. */
    public static class NoopRequest implements JobRequest {
        private long n;

        /** For JSON. */
        public NoopRequest() {
        }

        NoopRequest(long n) {
            this.n = n;
        }

        public long getN() {
            return n;
        }

        @Override
        public Class<NoopHandler> getJobRequestHandler() {
            return NoopHandler.class;
        }
    }

    /** Runs a {@link NoopRequest}. */
    public static class NoopHandler implements JobRequestHandler<NoopRequest> {
        @Override
        public void run(NoopRequest request) {
            JobProbe.started(request.getN());
        }
    }

    private static final class NoopActivator implements JobActivator {
        @Override
        public <T> T activateJob(Class<T> type) {
            if (type == NoopHandler.class) {
                return type.cast(new NoopHandler());
            }
            return null;
        }
    }
}
