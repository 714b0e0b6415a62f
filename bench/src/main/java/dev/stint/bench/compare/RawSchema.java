package dev.stint.bench.compare;

import dev.stint.Library;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The tables the raw limit runs on. {@link #MINIMAL} is the least a lifecycle needs (one index); {@link #STINT}
 * is Stint's own {@code jobs.db} schema (created by opening a library), with its indexes and its way of finishing a
 * job (in place since schema version 8), so that Stint's figure divided by this one is the engine's own overhead on
 * the same storage work.
 */
enum RawSchema {
    MINIMAL("raw.db") {
        @Override
        void create(Path dir, Connection c) throws SQLException {
            SqliteFiles.runScript(c, """
                    CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, type TEXT NOT NULL,
                      status TEXT NOT NULL, state BLOB, created_at INTEGER NOT NULL, started_at INTEGER);
                    CREATE INDEX IF NOT EXISTS jobs_claim ON jobs (status, id);
                    CREATE TABLE IF NOT EXISTS job_history (id INTEGER NOT NULL, n INTEGER NOT NULL, type TEXT NOT NULL,
                      state BLOB, created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER NOT NULL);
                    CREATE TABLE IF NOT EXISTS checkpoints (job_id INTEGER PRIMARY KEY, state BLOB NOT NULL)""");
        }

        @Override
        String insertSql(int rows) {
            return "INSERT INTO jobs (n, type, status, state, created_at) VALUES "
                    + String.join(", ", java.util.Collections.nCopies(rows, "(?, 'noop', 'queued', ?, ?)"));
        }

        @Override
        void bind(PreparedStatement ps, int row, long n, byte[] state, long now) throws SQLException {
            int i = row * 3;
            ps.setLong(i + 1, n);
            ps.setBytes(i + 2, state);
            ps.setLong(i + 3, now);
        }

        @Override
        String claimSql(int batch) {
            return "UPDATE jobs SET status = 'running', started_at = ? WHERE id IN "
                    + "(SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT " + batch + ") RETURNING n";
        }

        @Override
        String toHistorySql() {
            return "INSERT INTO job_history (id, n, type, state, created_at, started_at, finished_at) "
                    + "SELECT id, n, type, state, created_at, started_at, ? FROM jobs WHERE status = 'running'";
        }

        @Override
        String checkpointSetupSql() {
            return "INSERT OR REPLACE INTO checkpoints (job_id, state) VALUES (1, ?)";
        }

        @Override
        String checkpointSql() {
            return "UPDATE checkpoints SET state = ? WHERE job_id = 1";
        }
    },

    STINT("jobs.db") {
        @Override
        void create(Path dir, Connection c) {
            // Stint creates and migrates its own schema; the raw statements then run on those tables
        }

        @Override
        void prepareFolder(Path dir) {
            if (java.nio.file.Files.exists(file(dir))) {
                return; // reopened (the open workload): the schema is there
            }
            try (Library library = Library.builder(dir).useServiceLoader(false).autoStart(false).open()) {
                library.activeJobs(); // opened: schema created
            }
        }

        /** Job numbers repeat across a workload's rounds; ids (unique in history too) must not. */
        private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();

        /**
         * Since schema version 7 Stint numbers its jobs itself (no AUTOINCREMENT): so does this, from the same
         * counter as the ids (a rowid SQLite picked could repeat one already moved to history).
         */
        @Override
        String insertSql(int rows) {
            return "INSERT INTO job_rows (seq, id, name, version, status, state, created_at, updated_at, initiator) VALUES "
                    + String.join(", ", java.util.Collections.nCopies(rows, "(?, ?, 'noop', 1, 'queued', ?, ?, ?, ?)"));
        }

        @Override
        void bind(PreparedStatement ps, int row, long n, byte[] state, long now) throws SQLException {
            int i = row * 6;
            long number = ids.incrementAndGet();
            ps.setLong(i + 1, number);
            ps.setString(i + 2, "raw-" + number);
            ps.setBytes(i + 3, state);
            ps.setLong(i + 4, now);
            ps.setLong(i + 5, now);
            ps.setString(i + 6, Long.toString(n));
        }

        /** Stint's own claim statement (queue, priority, run-at, unique chains, children), on its indexes. */
        @Override
        String claimSql(int batch) {
            return """
                    UPDATE job_rows SET status = 'running', run_count = run_count + 1,
                           started_at = COALESCE(started_at, ?1), updated_at = ?1
                    WHERE seq IN (
                        SELECT j.seq FROM jobs j
                        WHERE j.queue = 'default' AND j.status = 'queued' AND (j.run_at IS NULL OR j.run_at <= ?1)
                          AND (j.after_id IS NULL OR NOT EXISTS (SELECT 1 FROM jobs a WHERE a.id = j.after_id))
                          AND NOT EXISTS (SELECT 1 FROM jobs c WHERE c.parent_id = j.id)
                        ORDER BY j.priority, j.seq LIMIT""" + " " + batch + ") RETURNING CAST(initiator AS INTEGER)";
        }

        /** Schema version 8 finishes a job in its own row: a terminal status and a finish time, nothing deleted. */
        @Override
        String toHistorySql() {
            return """
                    UPDATE job_rows SET status = 'completed', output = NULL, error = NULL, finished_at = ?1,
                           updated_at = ?1, attempts = attempts + 1, checkpoints = 0, steps = 0
                    WHERE status = 'running' AND finished_at IS NULL""";
        }

        @Override
        String deleteMovedSql() {
            return null;
        }

        @Override
        String checkpointSetupSql() {
            return "INSERT OR IGNORE INTO job_rows (id, name, version, status, state, created_at, updated_at) "
                    + "VALUES ('ckpt', 'noop', 1, 'running', ?, 0, 0)";
        }

        /** Stint's checkpoint upsert. */
        @Override
        String checkpointSql() {
            return """
                    INSERT INTO job_checkpoints (job_id, state, written_at, count)
                    SELECT id, ?, 0, 1 FROM jobs WHERE id = 'ckpt' AND status = 'running'
                    ON CONFLICT (job_id) DO UPDATE SET state = excluded.state, written_at = excluded.written_at,
                                                        count = count + 1""";
        }
    };

    private final String fileName;

    RawSchema(String fileName) {
        this.fileName = fileName;
    }

    /** The database file in the engine's folder. */
    Path file(Path dir) {
        return dir.resolve(fileName);
    }

    /** Work done before the raw connection opens. */
    void prepareFolder(Path dir) {
    }

    /** Creates the tables on the raw connection, if missing. */
    abstract void create(Path dir, Connection c) throws SQLException;

    /** A multi-row insert of {@code rows} queued jobs. */
    abstract String insertSql(int rows);

    /** Binds row {@code row} of {@link #insertSql}. */
    abstract void bind(PreparedStatement ps, int row, long n, byte[] state, long now) throws SQLException;

    /** Claims up to {@code batch} queued jobs (parameter 1: now), returning each job's number (column 1). */
    abstract String claimSql(int batch);

    /** Copies every running job to history (parameter 1: now). */
    abstract String toHistorySql();

    /** Deletes the jobs {@link #toHistorySql} copied, or null where it finished them in place. */
    String deleteMovedSql() {
        return "DELETE FROM jobs WHERE status = 'running'";
    }

    /** Creates the one row the checkpoint workload updates (parameter 1: the state). */
    abstract String checkpointSetupSql();

    /** Saves the checkpoint (parameter 1: the state), one row. */
    abstract String checkpointSql();
}
