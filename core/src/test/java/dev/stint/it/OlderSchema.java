package dev.stint.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Turns a closed library written by this code back into the shape schema version 7 gave it: active jobs in the
 * table {@code jobs}, finished ones in the table {@code job_history}, each with its own indexes. Tests of the
 * migrations start from it (and go further back by hand where they need an older version).
 */
final class OlderSchema {
    /** The columns job_history had in version 7, in its order. */
    private static final String HISTORY_COLUMNS = "seq, id, name, version, status, output, error, errors, progress,"
            + " run_count, checkpoints, created_at, started_at, finished_at, queue, priority, run_at, attempts,"
            + " max_attempts, timeout_ms, unique_key, parent_id, initiator, attempt_errors, run_ms, results, steps";

    private OlderSchema() {
    }

    static void toVersionSeven(Path library) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("jobs.db"));
                Statement st = c.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            st.execute("DROP VIEW jobs");
            st.execute("DROP VIEW job_history");
            for (String index : new String[] {"jobs_by_status_queue", "jobs_unique", "jobs_by_after", "jobs_by_parent",
                    "jobs_by_created", "job_history_by_finished", "job_history_by_name", "job_history_by_queue",
                    "job_history_failed"}) {
                st.execute("DROP INDEX " + index);
            }
            for (String table : new String[] {"job_rule_keys", "job_tags", "paused_tags", "rate_starts"}) {
                st.execute("DROP TABLE " + table);
            }
            st.execute("ALTER TABLE job_rows RENAME TO jobs");
            st.execute("""
                    CREATE TABLE job_history (
                      seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, version INTEGER NOT NULL,
                      status TEXT NOT NULL CHECK (status IN ('completed', 'failed', 'cancelled')), output BLOB,
                      error BLOB, errors BLOB, progress BLOB, run_count INTEGER NOT NULL,
                      checkpoints INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, started_at INTEGER,
                      finished_at INTEGER NOT NULL, queue TEXT NOT NULL DEFAULT 'default',
                      priority INTEGER NOT NULL DEFAULT 0, run_at INTEGER, attempts INTEGER NOT NULL DEFAULT 1,
                      max_attempts INTEGER NOT NULL DEFAULT 1, timeout_ms INTEGER, unique_key TEXT, parent_id TEXT,
                      initiator TEXT, attempt_errors BLOB, run_ms INTEGER NOT NULL DEFAULT 0, results BLOB,
                      steps INTEGER NOT NULL DEFAULT 0)""");
            st.execute("INSERT INTO job_history (" + HISTORY_COLUMNS + ") SELECT " + HISTORY_COLUMNS
                    + " FROM jobs WHERE finished_at IS NOT NULL");
            st.execute("DELETE FROM jobs WHERE finished_at IS NOT NULL");
            for (String column : new String[] {"output", "error", "checkpoints", "steps", "finished_at", "retry_of", "rules",
                    "ruled", "tags", "weight"}) {
                st.execute("ALTER TABLE jobs DROP COLUMN " + column);
            }
            int cookie;
            try (ResultSet rs = st.executeQuery("PRAGMA schema_version")) {
                cookie = rs.getInt(1);
            }
            st.execute("PRAGMA writable_schema = ON");
            st.execute("UPDATE sqlite_schema SET sql = replace(sql, ', ''completed'', ''failed'', ''cancelled''))', '))')"
                    + " WHERE type = 'table' AND name = 'jobs'");
            st.execute("PRAGMA schema_version = " + (cookie + 1));
            st.execute("PRAGMA writable_schema = OFF");
            st.execute("CREATE INDEX jobs_by_status_queue ON jobs (status, queue, priority, seq)");
            st.execute("CREATE UNIQUE INDEX jobs_unique ON jobs (unique_key, COALESCE(after_id, ''))"
                    + " WHERE unique_key IS NOT NULL");
            st.execute("CREATE INDEX jobs_by_parent ON jobs (parent_id) WHERE parent_id IS NOT NULL");
            st.execute("CREATE INDEX jobs_by_created ON jobs (created_at, id)");
            st.execute("CREATE INDEX jobs_by_after ON jobs (after_id) WHERE after_id IS NOT NULL");
            st.execute("CREATE INDEX job_history_by_finished ON job_history (finished_at)");
            st.execute("CREATE INDEX job_history_by_name ON job_history (name)");
            st.execute("CREATE INDEX job_history_by_queue ON job_history (queue, status)");
            st.execute("CREATE INDEX job_history_by_parent ON job_history (parent_id) WHERE parent_id IS NOT NULL");
            st.execute("CREATE INDEX job_history_by_created ON job_history (created_at, id)");
            st.execute("CREATE INDEX job_history_failed ON job_history (seq) WHERE status = 'failed'");
            st.execute("PRAGMA user_version = 7");
            st.execute("COMMIT");
        }
    }
}
