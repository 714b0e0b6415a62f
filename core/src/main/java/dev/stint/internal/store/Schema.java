package dev.stint.internal.store;

import dev.stint.SchemaVersionException;
import dev.stint.StorageException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema of {@code jobs.db} and its forward-only migrations. {@code PRAGMA user_version} holds the
 * schema version; {@code PRAGMA application_id} marks the file as a Stint library.
 */
public final class Schema {
    /** {@code 'Stnt'}: marks a SQLite file as a Stint library. */
    public static final int APPLICATION_ID = 0x53746e74;

    /** The CHECK on status of versions 1 to 7, and the one of version 8 (quoted as SQL string literals). */
    private static final String ACTIVE_CHECK = "'CHECK (status IN (''queued'', ''running'', ''paused''))'";
    private static final String ANY_CHECK = "'CHECK (status IN (''queued'', ''running'', ''paused'', ''completed'',"
            + " ''failed'', ''cancelled''))'";
    /** The columns job_history had, copied into job_rows by version 8. */
    private static final String HISTORY_COPIED = "seq, id, name, version, status, output, error, errors, progress,"
            + " run_count, checkpoints, created_at, started_at, finished_at, queue, priority, run_at, attempts,"
            + " max_attempts, timeout_ms, unique_key, parent_id, initiator, attempt_errors, run_ms, results, steps";
    /** The same, for a row that collided: a new seq, a marked id, defaults where job_rows needs a value. */
    private static final String HISTORY_COPIED_AGAIN = "NULL, COALESCE(h.id, '') || '#history-' || h.seq,"
            + " COALESCE(h.name, ''), COALESCE(h.version, 0), COALESCE(h.status, 'failed'), h.output, h.error,"
            + " h.errors, h.progress, COALESCE(h.run_count, 0), COALESCE(h.checkpoints, 0),"
            + " COALESCE(h.created_at, 0), h.started_at, COALESCE(h.finished_at, 0), COALESCE(h.queue, ''),"
            + " COALESCE(h.priority, 0), h.run_at, COALESCE(h.attempts, 0), COALESCE(h.max_attempts, 1),"
            + " h.timeout_ms, h.unique_key, h.parent_id, h.initiator, h.attempt_errors, COALESCE(h.run_ms, 0),"
            + " h.results, COALESCE(h.steps, 0)";

    /** Version 8's view of the active jobs: the rows not finished, with the columns the jobs table had. */
    private static final String ACTIVE_VIEW_8 = """
            CREATE VIEW jobs AS SELECT seq, id, name, version, status, state, progress, errors, run_count, stop_reason,
              created_at, started_at, updated_at, queue, priority, run_at, attempts, max_attempts, backoff_ms, timeout_ms,
              unique_key, after_id, parent_id, initiator, attempt_errors, run_ms, results, log_lines
            FROM job_rows WHERE finished_at IS NULL""";

    /** Version 8's view of the finished jobs: the rows with a finished_at, with the columns job_history had. */
    private static final String HISTORY_VIEW_8 = """
            CREATE VIEW job_history AS SELECT seq, id, name, version, status, output, error, errors, progress, run_count,
              checkpoints, created_at, started_at, finished_at, queue, priority, run_at, attempts, max_attempts,
              timeout_ms, unique_key, parent_id, initiator, attempt_errors, run_ms, results, steps
            FROM job_rows WHERE finished_at IS NOT NULL""";

    /** Version 9's view of the active jobs: version 8's columns and the job a retry was dispatched from. */
    private static final String ACTIVE_VIEW_9 = """
            CREATE VIEW jobs AS SELECT seq, id, name, version, status, state, progress, errors, run_count, stop_reason,
              created_at, started_at, updated_at, queue, priority, run_at, attempts, max_attempts, backoff_ms, timeout_ms,
              unique_key, after_id, parent_id, initiator, attempt_errors, run_ms, results, log_lines, retry_of
            FROM job_rows WHERE finished_at IS NULL""";

    /** Version 9's view of the finished jobs: version 8's columns and the job a retry was dispatched from. */
    private static final String HISTORY_VIEW_9 = """
            CREATE VIEW job_history AS SELECT seq, id, name, version, status, output, error, errors, progress, run_count,
              checkpoints, created_at, started_at, finished_at, queue, priority, run_at, attempts, max_attempts,
              timeout_ms, unique_key, parent_id, initiator, attempt_errors, run_ms, results, steps, retry_of
            FROM job_rows WHERE finished_at IS NOT NULL""";

    /** The active jobs since version 10: version 9's columns, the run rules, tags and weight, and whether it has rules. */
    static final String ACTIVE_VIEW = """
            CREATE VIEW jobs AS SELECT seq, id, name, version, status, state, progress, errors, run_count, stop_reason,
              created_at, started_at, updated_at, queue, priority, run_at, attempts, max_attempts, backoff_ms, timeout_ms,
              unique_key, after_id, parent_id, initiator, attempt_errors, run_ms, results, log_lines, retry_of, rules, tags,
              weight, ruled
            FROM job_rows WHERE finished_at IS NULL""";

    /** The finished jobs since version 10: version 9's columns and the run rules, tags and weight. */
    static final String HISTORY_VIEW = """
            CREATE VIEW job_history AS SELECT seq, id, name, version, status, output, error, errors, progress, run_count,
              checkpoints, created_at, started_at, finished_at, queue, priority, run_at, attempts, max_attempts,
              timeout_ms, unique_key, parent_id, initiator, attempt_errors, run_ms, results, steps, retry_of, rules, tags,
              weight
            FROM job_rows WHERE finished_at IS NOT NULL""";

    /** Migration {@code i} brings the schema from version {@code i} to {@code i + 1}. */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    """
                    CREATE TABLE jobs (
                      seq          INTEGER PRIMARY KEY AUTOINCREMENT,
                      id           TEXT    NOT NULL UNIQUE,
                      name         TEXT    NOT NULL,
                      version      INTEGER NOT NULL,
                      status       TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'paused')),
                      state        BLOB    NOT NULL,
                      progress     BLOB,
                      errors       BLOB,
                      run_count    INTEGER NOT NULL DEFAULT 0,
                      stop_reason  TEXT,
                      created_at   INTEGER NOT NULL,
                      started_at   INTEGER,
                      updated_at   INTEGER NOT NULL
                    )""",
                    "CREATE INDEX jobs_by_status ON jobs (status, seq)",
                    "CREATE INDEX jobs_by_name ON jobs (name)",
                    """
                    CREATE TABLE job_checkpoints (
                      job_id      TEXT    PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
                      state       BLOB    NOT NULL,
                      written_at  INTEGER NOT NULL,
                      count       INTEGER NOT NULL
                    )""",
                    """
                    CREATE TABLE job_history (
                      seq          INTEGER PRIMARY KEY,
                      id           TEXT    NOT NULL UNIQUE,
                      name         TEXT    NOT NULL,
                      version      INTEGER NOT NULL,
                      status       TEXT    NOT NULL CHECK (status IN ('completed', 'failed', 'cancelled')),
                      output       BLOB,
                      error        BLOB,
                      errors       BLOB,
                      progress     BLOB,
                      run_count    INTEGER NOT NULL,
                      checkpoints  INTEGER NOT NULL DEFAULT 0,
                      created_at   INTEGER NOT NULL,
                      started_at   INTEGER,
                      finished_at  INTEGER NOT NULL
                    )""",
                    "CREATE INDEX job_history_by_finished ON job_history (finished_at)",
                    "CREATE INDEX job_history_by_name ON job_history (name)"),
            // version 2: queues, priorities, run-at, retries, timeouts, unique keys, parents, audit, metrics
            List.of(
                    "ALTER TABLE jobs ADD COLUMN queue TEXT NOT NULL DEFAULT 'default'",
                    "ALTER TABLE jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE jobs ADD COLUMN run_at INTEGER",
                    "ALTER TABLE jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE jobs ADD COLUMN max_attempts INTEGER NOT NULL DEFAULT 1",
                    "ALTER TABLE jobs ADD COLUMN backoff_ms INTEGER NOT NULL DEFAULT 1000",
                    "ALTER TABLE jobs ADD COLUMN timeout_ms INTEGER",
                    "ALTER TABLE jobs ADD COLUMN unique_key TEXT",
                    "ALTER TABLE jobs ADD COLUMN after_id TEXT",
                    "ALTER TABLE jobs ADD COLUMN parent_id TEXT",
                    "ALTER TABLE jobs ADD COLUMN initiator TEXT",
                    "ALTER TABLE jobs ADD COLUMN attempt_errors BLOB",
                    "ALTER TABLE jobs ADD COLUMN run_ms INTEGER NOT NULL DEFAULT 0",
                    "CREATE INDEX jobs_claim ON jobs (queue, status, priority, seq)",
                    "CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'queued' AND run_at IS NOT NULL",
                    "CREATE UNIQUE INDEX jobs_unique ON jobs (unique_key, COALESCE(after_id, '')) WHERE unique_key IS NOT NULL",
                    "CREATE INDEX jobs_by_parent ON jobs (parent_id) WHERE parent_id IS NOT NULL",
                    "ALTER TABLE job_history ADD COLUMN queue TEXT NOT NULL DEFAULT 'default'",
                    "ALTER TABLE job_history ADD COLUMN priority INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE job_history ADD COLUMN run_at INTEGER",
                    "ALTER TABLE job_history ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1",
                    "ALTER TABLE job_history ADD COLUMN max_attempts INTEGER NOT NULL DEFAULT 1",
                    "ALTER TABLE job_history ADD COLUMN timeout_ms INTEGER",
                    "ALTER TABLE job_history ADD COLUMN unique_key TEXT",
                    "ALTER TABLE job_history ADD COLUMN parent_id TEXT",
                    "ALTER TABLE job_history ADD COLUMN initiator TEXT",
                    "ALTER TABLE job_history ADD COLUMN attempt_errors BLOB",
                    "ALTER TABLE job_history ADD COLUMN run_ms INTEGER NOT NULL DEFAULT 0",
                    "CREATE INDEX job_history_by_queue ON job_history (queue, status)",
                    "CREATE INDEX job_history_by_parent ON job_history (parent_id) WHERE parent_id IS NOT NULL",
                    """
                    CREATE TABLE queues (
                      name        TEXT    PRIMARY KEY,
                      paused      INTEGER NOT NULL DEFAULT 0,
                      updated_at  INTEGER NOT NULL
                    )"""),
            // version 3: recurring schedules
            List.of("""
                    CREATE TABLE recurring_jobs (
                      name          TEXT    PRIMARY KEY,
                      job_name      TEXT    NOT NULL,
                      version       INTEGER NOT NULL,
                      state         BLOB    NOT NULL,
                      schedule      TEXT    NOT NULL,
                      zone          TEXT    NOT NULL,
                      missed        TEXT    NOT NULL CHECK (missed IN ('run_once', 'skip')),
                      next_run_at   INTEGER NOT NULL,
                      queue         TEXT    NOT NULL,
                      priority      INTEGER NOT NULL,
                      max_attempts  INTEGER NOT NULL,
                      backoff_ms    INTEGER NOT NULL,
                      timeout_ms    INTEGER,
                      initiator     TEXT,
                      last_job_id   TEXT,
                      created_at    INTEGER NOT NULL,
                      updated_at    INTEGER NOT NULL
                    )"""),
            // version 4: steps committed with the job's state, intermediate results
            List.of("""
                    CREATE TABLE job_steps (
                      job_id        TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
                      name          TEXT    NOT NULL,
                      seq           INTEGER NOT NULL,
                      result        BLOB,
                      completed_at  INTEGER NOT NULL,
                      PRIMARY KEY (job_id, name)
                    )""",
                    "ALTER TABLE jobs ADD COLUMN results BLOB",
                    "ALTER TABLE job_history ADD COLUMN results BLOB",
                    "ALTER TABLE job_history ADD COLUMN steps INTEGER NOT NULL DEFAULT 0"),
            // version 5: one index for claims and status lookups instead of two (each job's insert, claim
            // and delete update one index less)
            List.of("DROP INDEX jobs_claim",
                    "DROP INDEX jobs_by_status",
                    "CREATE INDEX jobs_by_status_queue ON jobs (status, queue, priority, seq)"),
            // version 6: the lines each active job has logged over its runs (its log budget, LogBudget); dispatch
            // order (created_at, id) as an index, so that a query pages through any number of jobs a page at a
            // time (JobQuery.after) instead of sorting every row for each page; failed jobs by seq
            List.of("ALTER TABLE jobs ADD COLUMN log_lines INTEGER NOT NULL DEFAULT 0",
                    "CREATE INDEX IF NOT EXISTS jobs_by_created ON jobs (created_at, id)",
                    "CREATE INDEX IF NOT EXISTS job_history_by_created ON job_history (created_at, id)",
                    // the failed jobs only, newest first: retention finds the failed runs of schedules without
                    // walking the whole history (History.pruneScheduleFailures)
                    "CREATE INDEX IF NOT EXISTS job_history_failed ON job_history (seq) WHERE status = 'failed'"),
            // version 7: less written per job. jobs.seq loses AUTOINCREMENT, whose sqlite_sequence row every insert
            // rewrote (one more page per dispatch commit): the writer numbers new jobs itself, above every seq
            // either table or sqlite_sequence holds (JobSequence), so no seq is ever reused. The table's rows are
            // untouched: AUTOINCREMENT only decides how SQLite picks a rowid, so the CREATE TABLE text is edited
            // in place (SQLite's documented way for a change that leaves the stored content as it is) instead of
            // copying every row into a new table. And the active table loses its index on name, which every
            // insert and every move to history paid for: a query by name reads active jobs in dispatch order
            // (jobs_by_created) and filters; history keeps its own.
            List.of("PRAGMA writable_schema = ON",
                    "UPDATE sqlite_schema SET sql = replace(sql, 'PRIMARY KEY AUTOINCREMENT', 'PRIMARY KEY')"
                            + " WHERE type = 'table' AND name = 'jobs'",
                    "PRAGMA writable_schema = OFF",
                    "DROP INDEX IF EXISTS jobs_by_name",
                    // the jobs that wait in a chain, for the cycle check at open (JobReads.dependencies), which
                    // otherwise read every active row: 9-20 ms with 100,000 queued. Only chained jobs are in it
                    "CREATE INDEX IF NOT EXISTS jobs_by_after ON jobs (after_id) WHERE after_id IS NOT NULL"),
            // version 8: one table of jobs, active and finished (job_rows); a job finishes in place. A finished job
            // used to be copied into job_history (six index entries) and deleted from jobs (five more); now its row
            // gets a terminal status and finished_at, leaves the active-only indexes and enters the history-only
            // ones. A row is finished exactly when finished_at is set: every index says which half it covers by
            // that, and the views jobs (active) and job_history (finished) keep every reader as it was. The
            // rename keeps the side tables' foreign keys pointing at the rows; the CHECK on status is widened in
            // place (the stored rows are untouched); history's rows are copied once, those that collide with an
            // active row (only a crafted file has such) under a new seq and id, so that none is lost.
            List.of("ALTER TABLE jobs RENAME TO job_rows",
                    "ALTER TABLE job_rows ADD COLUMN output BLOB",
                    "ALTER TABLE job_rows ADD COLUMN error BLOB",
                    "ALTER TABLE job_rows ADD COLUMN checkpoints INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE job_rows ADD COLUMN steps INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE job_rows ADD COLUMN finished_at INTEGER",
                    "PRAGMA writable_schema = ON",
                    "UPDATE sqlite_schema SET sql = replace(sql, " + ACTIVE_CHECK + ", " + ANY_CHECK + ")"
                            + " WHERE type = 'table' AND name = 'job_rows'",
                    "PRAGMA writable_schema = OFF",
                    "DROP INDEX IF EXISTS jobs_by_status_queue",
                    "DROP INDEX IF EXISTS jobs_unique",
                    "DROP INDEX IF EXISTS jobs_by_parent",
                    "DROP INDEX IF EXISTS jobs_by_after",
                    "DROP INDEX IF EXISTS jobs_by_created",
                    "INSERT OR IGNORE INTO job_rows (" + HISTORY_COPIED + ", state, updated_at)"
                            + " SELECT " + HISTORY_COPIED + ", X'', finished_at FROM job_history ORDER BY seq",
                    // what OR IGNORE left out: a row whose seq or id an active row has, or with a NULL where
                    // job_rows needs a value (crafted files); kept under a new seq, its id marked, listed as damaged
                    "INSERT INTO job_rows (" + HISTORY_COPIED + ", state, updated_at) SELECT "
                            + HISTORY_COPIED_AGAIN + ", X'', COALESCE(h.finished_at, 0) FROM job_history h"
                            + " WHERE NOT EXISTS (SELECT 1 FROM job_rows r WHERE r.seq = h.seq AND r.id IS h.id"
                            + " AND r.finished_at IS NOT NULL) ORDER BY h.seq",
                    "DROP TABLE job_history",
                    "CREATE INDEX jobs_by_status_queue ON job_rows (status, queue, priority, seq)"
                            + " WHERE finished_at IS NULL",
                    "CREATE UNIQUE INDEX jobs_unique ON job_rows (unique_key, COALESCE(after_id, ''))"
                            + " WHERE unique_key IS NOT NULL AND finished_at IS NULL",
                    "CREATE INDEX jobs_by_after ON job_rows (after_id) WHERE after_id IS NOT NULL AND finished_at IS NULL",
                    "CREATE INDEX jobs_by_parent ON job_rows (parent_id) WHERE parent_id IS NOT NULL",
                    "CREATE INDEX jobs_by_created ON job_rows (created_at, id)",
                    "CREATE INDEX job_history_by_finished ON job_rows (finished_at) WHERE finished_at IS NOT NULL",
                    "CREATE INDEX job_history_by_name ON job_rows (name) WHERE finished_at IS NOT NULL",
                    "CREATE INDEX job_history_by_queue ON job_rows (queue, status) WHERE finished_at IS NOT NULL",
                    "CREATE INDEX job_history_failed ON job_rows (seq) WHERE status = 'failed' AND finished_at IS NOT NULL",
                    ACTIVE_VIEW_8,
                    HISTORY_VIEW_8),
            // version 9: the job a retry was dispatched from (Library.retry), in both views
            List.of("ALTER TABLE job_rows ADD COLUMN retry_of TEXT",
                    "DROP VIEW jobs",
                    "DROP VIEW job_history",
                    ACTIVE_VIEW_9,
                    HISTORY_VIEW_9),
            // version 10: run rules (resources, concurrency keys, rate limits, conditions) and tags. A job with
            // rules ("ruled") is left out of the claim of plain jobs (the claim index leads with ruled) and waits in
            // one line per rule (job_rule_keys) until the RuleGate starts it; tags are listed per job (job_tags)
            // and a paused tag (paused_tags) holds the jobs dispatched with it; rate_starts keeps the recent
            // starts of each rate limit across restarts
            List.of("ALTER TABLE job_rows ADD COLUMN rules TEXT",
                    "ALTER TABLE job_rows ADD COLUMN ruled INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE job_rows ADD COLUMN tags TEXT",
                    "ALTER TABLE job_rows ADD COLUMN weight REAL",
                    """
                    CREATE TABLE job_rule_keys (
                        key TEXT NOT NULL,
                        priority INTEGER NOT NULL,
                        seq INTEGER NOT NULL,
                        write INTEGER NOT NULL,
                        PRIMARY KEY (key, priority, seq)
                    ) WITHOUT ROWID""",
                    "CREATE INDEX job_rule_keys_by_seq ON job_rule_keys (seq)",
                    """
                    CREATE TABLE job_tags (
                        tag TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        PRIMARY KEY (tag, seq)
                    ) WITHOUT ROWID""",
                    "CREATE INDEX job_tags_by_seq ON job_tags (seq)",
                    "CREATE TABLE paused_tags (tag TEXT PRIMARY KEY, paused_at INTEGER NOT NULL) WITHOUT ROWID",
                    """
                    CREATE TABLE rate_starts (
                        key TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        seq INTEGER NOT NULL,
                        PRIMARY KEY (key, at, seq)
                    ) WITHOUT ROWID""",
                    "DROP INDEX IF EXISTS jobs_by_status_queue",
                    "CREATE INDEX jobs_by_status_queue ON job_rows (status, queue, ruled, priority, seq)"
                            + " WHERE finished_at IS NULL",
                    "DROP VIEW jobs",
                    "DROP VIEW job_history",
                    ACTIVE_VIEW,
                    HISTORY_VIEW));

    /** The schema version this code writes. */
    public static final int LATEST = MIGRATIONS.size();

    private Schema() {
    }

    /**
     * Brings the database to {@link #LATEST}, one migration per transaction, then checks its structure
     * ({@link SchemaCheck}: what can be rebuilt without loss is, the rest is refused).
     *
     * @throws SchemaVersionException if the file is newer than this code
     * @throws dev.stint.DamagedLibraryException if a table, column or unique key is missing
     * @throws StorageException if the file is not a Stint library or a migration fails
     */
    public static void migrate(Connection connection, String file) {
        try (Statement st = connection.createStatement()) {
            int version = checkIdentity(st, file);
            for (int v = version; v < LATEST; v++) {
                st.execute("BEGIN IMMEDIATE");
                try {
                    for (String sql : MIGRATIONS.get(v)) {
                        apply(st, sql);
                    }
                    st.execute("PRAGMA user_version = " + (v + 1));
                    st.execute("PRAGMA application_id = " + APPLICATION_ID);
                    st.execute("COMMIT");
                } catch (SQLException e) {
                    st.execute("ROLLBACK");
                    throw e;
                }
            }
            SchemaCheck.verify(connection, file);
        } catch (SQLException e) {
            throw StoreErrors.translate("opening " + file, e);
        }
    }

    /** Creates the latest schema in an empty scratch database, without marking it (see {@link SchemaCheck}). */
    static void create(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (List<String> migration : MIGRATIONS) {
                for (String sql : migration) {
                    apply(st, sql);
                }
            }
        }
    }

    /**
     * Runs one statement of a migration. An edit of {@code sqlite_schema} ends with {@code writable_schema} off:
     * the schema cookie is moved on first, so that every connection (this one too, for the migration's next
     * statements) reads the edited schema afresh, as SQLite's documentation of such edits asks.
     */
    private static void apply(Statement st, String sql) throws SQLException {
        if (sql.equals("PRAGMA writable_schema = OFF")) {
            int cookie = intPragma(st, "schema_version");
            st.execute("PRAGMA schema_version = " + (cookie + 1));
        }
        st.execute(sql);
    }

    /**
     * Checks, without writing anything, that a database is a Stint library this code can open (or an empty
     * file that can become one). Run it before anything changes the file, even its journal mode.
     *
     * @throws SchemaVersionException if the file is newer than this code
     * @throws StorageException if the file is not a Stint library or cannot be read as SQLite
     */
    public static void checkIdentity(Connection connection, String file) {
        try (Statement st = connection.createStatement()) {
            checkIdentity(st, file);
        } catch (SQLException e) {
            throw StoreErrors.translate("opening " + file, e);
        }
    }

    /** Returns the schema version of a file that passed the identity checks. */
    private static int checkIdentity(Statement st, String file) throws SQLException {
        int appId = intPragma(st, "application_id");
        int version = intPragma(st, "user_version");
        if (appId != 0 && appId != APPLICATION_ID) {
            throw new StorageException(file + " is a SQLite database of another application (application_id "
                    + appId + "), not a Stint library", null);
        }
        if (appId == 0 && version == 0 && hasTables(st)) {
            throw new StorageException(file + " already holds tables that are not Stint's; refusing to use it", null);
        }
        if (appId == 0 && version != 0) {
            // every Stint migration sets the application id with the version: another program set this one
            throw new StorageException(file + " has schema version " + version
                    + " but no Stint application id: not a Stint library", null);
        }
        if (version > LATEST) {
            throw new SchemaVersionException(file, version, LATEST);
        }
        return version;
    }

    /** Reads the schema version of an open database. */
    public static int version(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            return intPragma(st, "user_version");
        }
    }

    private static int intPragma(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static boolean hasTables(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }
}
