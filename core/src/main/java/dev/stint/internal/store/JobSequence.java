package dev.stint.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Numbers new jobs ({@code jobs.seq}, dispatch order) on the writer's connection. Since schema version 7
 * {@code seq} has no AUTOINCREMENT (whose {@code sqlite_sequence} row every insert rewrote): the writer is the
 * only one that inserts jobs, and the library's lock makes it the only writer, so it counts in memory, starting
 * above every {@code seq} that {@code job_rows} (active and finished jobs) or an old {@code sqlite_sequence} row
 * holds. A
 * seq is never reused: a moved or pruned job's number stays taken, and a batch that rolls back leaves a gap.
 */
final class JobSequence {
    private static final String HIGHEST_ROW = "SELECT max(seq) AS m FROM job_rows";
    private static final String HIGHEST = "SELECT max(m) FROM (" + HIGHEST_ROW
            + " UNION ALL SELECT seq FROM sqlite_sequence WHERE name IN ('jobs', 'job_rows'))";

    private long last = -1;

    /** The seq of the next job: read from the file the first time, counted on from there. */
    long next(Connection connection) throws SQLException {
        if (last < 0) {
            last = highest(connection);
        }
        last = Math.addExact(last, 1);
        return last;
    }

    private static long highest(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(hasSequenceTable(connection)
                ? HIGHEST : HIGHEST_ROW)) {
            long highest = rs.next() ? rs.getLong(1) : 0;
            return Math.max(0, highest);
        }
    }

    private static boolean hasSequenceTable(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'")) {
            return rs.next();
        }
    }
}
