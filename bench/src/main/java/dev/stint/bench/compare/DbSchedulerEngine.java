package dev.stint.bench.compare;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.SqliteJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * db-scheduler 16.12.0 on SQLite: a one-time task {@code noop} with a {@code Long} as its data, 16
 * threads, immediate execution on (a local schedule wakes the scheduler), a 1 s polling interval,
 * {@link SqliteJdbcCustomization}, its table created from the schema db-scheduler documents for SQLite
 * (not in the jar). A finished one-time execution is deleted from {@code scheduled_tasks}.
 */
final class DbSchedulerEngine implements Engine {
    static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS scheduled_tasks (
              task_name varchar(100), task_instance varchar(100), task_data blob, execution_time TIMESTAMP,
              picked BIT, picked_by varchar(50), last_success TIMESTAMP, last_failure TIMESTAMP,
              consecutive_failures INT, last_heartbeat TIMESTAMP, version BIGINT, priority SMALLINT,
              PRIMARY KEY (task_name, task_instance));
            CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time);
            CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
            CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON scheduled_tasks (priority desc, execution_time asc)""";

    private static final OneTimeTask<Long> NOOP = Tasks.oneTime("noop", Long.class)
            .execute((instance, context) -> JobProbe.started(instance.getData()));

    private final Path file;
    private final HikariDataSource pool;
    private final Scheduler scheduler;
    private final SchedulerClient client;
    private long dispatched;

    private DbSchedulerEngine(Path file, HikariDataSource pool, Scheduler scheduler, SchedulerClient client) {
        this.file = file;
        this.pool = pool;
        this.scheduler = scheduler;
        this.client = client;
    }

    static DbSchedulerEngine open(Path dir, Sync sync, boolean workers) throws Exception {
        Path file = dir.resolve("db-scheduler.db");
        HikariDataSource pool = SqliteFiles.singleConnectionPool(file, sync, "db-scheduler");
        try (Connection c = pool.getConnection()) {
            SqliteFiles.runScript(c, SCHEMA);
        }
        if (!workers) {
            return new DbSchedulerEngine(file, pool, null, SchedulerClient.Builder.create(pool, NOOP)
                    .jdbcCustomization(new SqliteJdbcCustomization()).build());
        }
        Scheduler scheduler = Scheduler.create(pool, NOOP).threads(EngineKind.WORKERS)
                .pollingInterval(Duration.ofSeconds(1)).enableImmediateExecution()
                .jdbcCustomization(new SqliteJdbcCustomization()).shutdownMaxWait(Duration.ofSeconds(5))
                .build();
        scheduler.start();
        return new DbSchedulerEngine(file, pool, scheduler, scheduler);
    }

    /** The plain one-job insert (deprecated in 16.x in favour of variants taking {@code ScheduleOptions}). */
    @Override
    @SuppressWarnings("deprecation")
    public void dispatch(long n) {
        client.schedule(NOOP.instance("j" + n, n), Instant.now());
        dispatched++;
    }

    @Override
    public void dispatchBatch(long from, int count) {
        List<TaskInstance<?>> instances = new ArrayList<>(count);
        for (long n = from; n < from + count; n++) {
            instances.add(NOOP.instance("j" + n, n));
        }
        client.scheduleBatch(instances, Instant.now());
        dispatched += count;
    }

    /** Finished one-time executions are deleted: waits until only the unfinished ones are left. */
    @Override
    public void awaitFinished(long total, Duration timeout) throws Exception {
        SqliteFiles.awaitCount(file, "SELECT count(*) FROM scheduled_tasks", dispatched - total, timeout,
                "db-scheduler");
    }

    @Override
    public void close() {
        try {
            if (scheduler != null) {
                scheduler.stop();
            }
        } finally {
            pool.close();
        }
    }
}
