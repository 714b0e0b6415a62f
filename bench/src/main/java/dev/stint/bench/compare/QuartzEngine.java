package dev.stint.bench.compare;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz 2.5.2 with its JDBC job store ({@code JobStoreTX}) on SQLite. The SQLite workarounds: the table
 * script below (Quartz ships none for SQLite: its H2 script with the primary keys inline, since SQLite has
 * no {@code ALTER TABLE … ADD CONSTRAINT}, and its PostgreSQL indexes), {@link SqliteQuartzDelegate}
 * (blobs read with {@code getBytes}), and {@code UpdateLockRowSemaphore} as the lock handler (SQLite has
 * no {@code SELECT … FOR UPDATE}, which the default {@code StdRowLockSemaphore} issues). The pool of one
 * connection is handed to Quartz through {@link DBConnectionManager}. 16 threads; the scheduler thread
 * acquires up to 16 triggers per pass ({@code batchTriggerAcquisitionMaxCount}, inside the lock). A job
 * is a non-durable {@link QuartzNoopJob} with a fire-now simple trigger; both rows are deleted when it
 * completes.
 */
final class QuartzEngine implements Engine {
    static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS QRTZ_JOB_DETAILS (SCHED_NAME VARCHAR(120) NOT NULL, JOB_NAME VARCHAR(200) NOT NULL,
              JOB_GROUP VARCHAR(200) NOT NULL, DESCRIPTION VARCHAR(250), JOB_CLASS_NAME VARCHAR(250) NOT NULL,
              IS_DURABLE BOOLEAN NOT NULL, IS_NONCONCURRENT BOOLEAN NOT NULL, IS_UPDATE_DATA BOOLEAN NOT NULL,
              REQUESTS_RECOVERY BOOLEAN NOT NULL, JOB_DATA BLOB, PRIMARY KEY (SCHED_NAME, JOB_NAME, JOB_GROUP));
            CREATE TABLE IF NOT EXISTS QRTZ_TRIGGERS (SCHED_NAME VARCHAR(120) NOT NULL, TRIGGER_NAME VARCHAR(200) NOT NULL,
              TRIGGER_GROUP VARCHAR(200) NOT NULL, JOB_NAME VARCHAR(200) NOT NULL, JOB_GROUP VARCHAR(200) NOT NULL,
              DESCRIPTION VARCHAR(250), NEXT_FIRE_TIME BIGINT, PREV_FIRE_TIME BIGINT, PRIORITY INTEGER,
              TRIGGER_STATE VARCHAR(16) NOT NULL, TRIGGER_TYPE VARCHAR(8) NOT NULL, START_TIME BIGINT NOT NULL,
              END_TIME BIGINT, CALENDAR_NAME VARCHAR(200), MISFIRE_INSTR SMALLINT, JOB_DATA BLOB,
              PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
              FOREIGN KEY (SCHED_NAME, JOB_NAME, JOB_GROUP) REFERENCES QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME, JOB_GROUP));
            CREATE TABLE IF NOT EXISTS QRTZ_SIMPLE_TRIGGERS (SCHED_NAME VARCHAR(120) NOT NULL,
              TRIGGER_NAME VARCHAR(200) NOT NULL, TRIGGER_GROUP VARCHAR(200) NOT NULL, REPEAT_COUNT BIGINT NOT NULL,
              REPEAT_INTERVAL BIGINT NOT NULL, TIMES_TRIGGERED BIGINT NOT NULL,
              PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
              FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP));
            CREATE TABLE IF NOT EXISTS QRTZ_CRON_TRIGGERS (SCHED_NAME VARCHAR(120) NOT NULL, TRIGGER_NAME VARCHAR(200) NOT NULL,
              TRIGGER_GROUP VARCHAR(200) NOT NULL, CRON_EXPRESSION VARCHAR(120) NOT NULL, TIME_ZONE_ID VARCHAR(80),
              PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP));
            CREATE TABLE IF NOT EXISTS QRTZ_SIMPROP_TRIGGERS (SCHED_NAME VARCHAR(120) NOT NULL,
              TRIGGER_NAME VARCHAR(200) NOT NULL, TRIGGER_GROUP VARCHAR(200) NOT NULL, STR_PROP_1 VARCHAR(512),
              STR_PROP_2 VARCHAR(512), STR_PROP_3 VARCHAR(512), INT_PROP_1 INTEGER, INT_PROP_2 INTEGER,
              LONG_PROP_1 BIGINT, LONG_PROP_2 BIGINT, DEC_PROP_1 NUMERIC(13,4), DEC_PROP_2 NUMERIC(13,4),
              BOOL_PROP_1 BOOLEAN, BOOL_PROP_2 BOOLEAN, PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP));
            CREATE TABLE IF NOT EXISTS QRTZ_BLOB_TRIGGERS (SCHED_NAME VARCHAR(120) NOT NULL, TRIGGER_NAME VARCHAR(200) NOT NULL,
              TRIGGER_GROUP VARCHAR(200) NOT NULL, BLOB_DATA BLOB, PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP));
            CREATE TABLE IF NOT EXISTS QRTZ_CALENDARS (SCHED_NAME VARCHAR(120) NOT NULL, CALENDAR_NAME VARCHAR(200) NOT NULL,
              CALENDAR BLOB NOT NULL, PRIMARY KEY (SCHED_NAME, CALENDAR_NAME));
            CREATE TABLE IF NOT EXISTS QRTZ_PAUSED_TRIGGER_GRPS (SCHED_NAME VARCHAR(120) NOT NULL,
              TRIGGER_GROUP VARCHAR(200) NOT NULL, PRIMARY KEY (SCHED_NAME, TRIGGER_GROUP));
            CREATE TABLE IF NOT EXISTS QRTZ_FIRED_TRIGGERS (SCHED_NAME VARCHAR(120) NOT NULL, ENTRY_ID VARCHAR(95) NOT NULL,
              TRIGGER_NAME VARCHAR(200) NOT NULL, TRIGGER_GROUP VARCHAR(200) NOT NULL, INSTANCE_NAME VARCHAR(200) NOT NULL,
              FIRED_TIME BIGINT NOT NULL, SCHED_TIME BIGINT NOT NULL, PRIORITY INTEGER NOT NULL, STATE VARCHAR(16) NOT NULL,
              JOB_NAME VARCHAR(200), JOB_GROUP VARCHAR(200), IS_NONCONCURRENT BOOLEAN, REQUESTS_RECOVERY BOOLEAN,
              PRIMARY KEY (SCHED_NAME, ENTRY_ID));
            CREATE TABLE IF NOT EXISTS QRTZ_SCHEDULER_STATE (SCHED_NAME VARCHAR(120) NOT NULL, INSTANCE_NAME VARCHAR(200) NOT NULL,
              LAST_CHECKIN_TIME BIGINT NOT NULL, CHECKIN_INTERVAL BIGINT NOT NULL, PRIMARY KEY (SCHED_NAME, INSTANCE_NAME));
            CREATE TABLE IF NOT EXISTS QRTZ_LOCKS (SCHED_NAME VARCHAR(120) NOT NULL, LOCK_NAME VARCHAR(40) NOT NULL,
              PRIMARY KEY (SCHED_NAME, LOCK_NAME));
            CREATE INDEX IF NOT EXISTS IDX_QRTZ_J_REQ_RECOVERY ON QRTZ_JOB_DETAILS (SCHED_NAME, REQUESTS_RECOVERY);
            CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_J ON QRTZ_TRIGGERS (SCHED_NAME, JOB_NAME, JOB_GROUP);
            CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_STATE ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE);
            CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_NEXT_FIRE_TIME ON QRTZ_TRIGGERS (SCHED_NAME, NEXT_FIRE_TIME);
            CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_NFT_ST ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE, NEXT_FIRE_TIME);
            CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_NFT_MISFIRE ON QRTZ_TRIGGERS (SCHED_NAME, MISFIRE_INSTR, NEXT_FIRE_TIME);
            CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_NFT_ST_MISFIRE ON QRTZ_TRIGGERS (SCHED_NAME, MISFIRE_INSTR, NEXT_FIRE_TIME, TRIGGER_STATE);
            CREATE INDEX IF NOT EXISTS IDX_QRTZ_FT_TRIG_INST_NAME ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, INSTANCE_NAME);
            CREATE INDEX IF NOT EXISTS IDX_QRTZ_FT_J_G ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, JOB_NAME, JOB_GROUP);
            CREATE INDEX IF NOT EXISTS IDX_QRTZ_FT_T_G ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)""";

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Path file;
    private final HikariDataSource pool;
    private final Scheduler scheduler;
    private long dispatched;

    private QuartzEngine(Path file, HikariDataSource pool, Scheduler scheduler) {
        this.file = file;
        this.pool = pool;
        this.scheduler = scheduler;
    }

    static QuartzEngine open(Path dir, Sync sync, boolean workers) throws Exception {
        Path file = dir.resolve("quartz.db");
        HikariDataSource pool = SqliteFiles.singleConnectionPool(file, sync, "quartz");
        try (Connection c = pool.getConnection()) {
            SqliteFiles.runScript(c, SCHEMA);
        }
        int instance = INSTANCES.incrementAndGet();
        String dataSource = "bench-ds-" + instance;
        DBConnectionManager.getInstance().addConnectionProvider(dataSource, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                return pool.getConnection();
            }

            @Override
            public void shutdown() {
            }

            @Override
            public void initialize() {
            }
        });
        Properties p = new Properties();
        // the same scheduler name every time: the rows of a filled file belong to it
        p.setProperty("org.quartz.scheduler.instanceName", "bench");
        p.setProperty("org.quartz.scheduler.instanceId", "bench-" + instance);
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(EngineKind.WORKERS));
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(EngineKind.WORKERS));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", SqliteQuartzDelegate.class.getName());
        p.setProperty("org.quartz.jobStore.lockHandler.class", "org.quartz.impl.jdbcjobstore.UpdateLockRowSemaphore");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.dataSource", dataSource);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        // queued jobs waiting a long time are not "misfired" (no misfire handling in the measurement)
        p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(Duration.ofHours(1).toMillis()));
        StdSchedulerFactory factory = new StdSchedulerFactory(p);
        Scheduler scheduler = factory.getScheduler();
        if (workers) {
            scheduler.start();
        }
        return new QuartzEngine(file, pool, scheduler);
    }

    private static JobDetail job(long n) {
        return JobBuilder.newJob(QuartzNoopJob.class).withIdentity("j" + n).usingJobData("n", n).build();
    }

    private static Trigger trigger(long n) {
        return TriggerBuilder.newTrigger().withIdentity("t" + n).startNow().build();
    }

    @Override
    public void dispatch(long n) throws Exception {
        scheduler.scheduleJob(job(n), trigger(n));
        dispatched++;
    }

    @Override
    public void dispatchBatch(long from, int count) throws Exception {
        Map<JobDetail, Set<? extends Trigger>> jobs = new HashMap<>();
        for (long n = from; n < from + count; n++) {
            jobs.put(job(n), Set.of(trigger(n)));
        }
        scheduler.scheduleJobs(jobs, false);
        dispatched += count;
    }

    /** A completed job's trigger and job rows are deleted: waits until only the unfinished ones are left. */
    @Override
    public void awaitFinished(long total, Duration timeout) throws Exception {
        SqliteFiles.awaitCount(file, "SELECT (SELECT count(*) FROM QRTZ_TRIGGERS) + (SELECT count(*) FROM "
                + "QRTZ_FIRED_TRIGGERS)", dispatched - total, timeout, "Quartz");
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (org.quartz.SchedulerException e) {
            throw new EngineException("Quartz did not shut down", e);
        } finally {
            pool.close();
        }
    }
}
