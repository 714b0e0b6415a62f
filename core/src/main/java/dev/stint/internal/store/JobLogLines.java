package dev.stint.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code log_lines} column of {@code jobs}: how many lines an active job has logged over its runs, so that
 * its log budget ({@code LogBudget.linesPerJob}) holds across pauses, retries and restarts. Runs add what they
 * logged; a resumed run reads the total on its first line. The count leaves with the row when the job moves
 * to history. Not part of {@link JobRow}: nothing else reads it, and a job that never logs never touches it.
 */
public final class JobLogLines {
    private JobLogLines() {
    }

    /**
     * Reads the lines a job logged in earlier runs.
     *
     * @return the count, or 0 if the job is not active (or the stored value is negative)
     */
    public static long read(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT log_lines FROM jobs WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Math.max(0, rs.getLong("log_lines")) : 0;
            }
        }
    }

    /** Adds {@code lines} to a job's count (saturating at {@link Long#MAX_VALUE}); nothing if it is not active. */
    public static void add(WriteSession s, String id, long lines) throws SQLException {
        PreparedStatement ps = s.prepare("""
                UPDATE job_rows SET log_lines = CASE WHEN log_lines > 9223372036854775807 - ?1
                                                 THEN 9223372036854775807 ELSE log_lines + ?1 END
                WHERE id = ?2 AND finished_at IS NULL""");
        ps.setLong(1, lines);
        ps.setString(2, id);
        ps.executeUpdate();
    }
}
