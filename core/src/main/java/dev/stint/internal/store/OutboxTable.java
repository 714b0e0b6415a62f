package dev.stint.internal.store;

import dev.stint.Outbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox table ({@value Outbox#TABLE}) in the application's own database: its creation, the rows
 * {@link Outbox#dispatch} writes, and the reads and deletes of a drain. Every method takes the application's
 * connection (SQLite or any JDBC database with standard SQL types), never {@code jobs.db}'s.
 */
public final class OutboxTable {
    private OutboxTable() {
    }

    /**
     * One outbox row. A null setting was not given at dispatch: the drain applies the library's default.
     *
     * @param runAt not-before time (epoch ms), or null
     */
    public record Entry(String id, String name, int version, byte[] state, String queue, Integer priority,
            Long runAt, Integer maxAttempts, Long backoffMs, Long timeoutMs, String initiator, long createdAt) {
    }

    /** Creates the outbox table if it does not exist. */
    public static void create(Connection app) throws SQLException {
        try (Statement st = app.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + Outbox.TABLE + " (id VARCHAR(64) PRIMARY KEY, name VARCHAR(200) NOT NULL,"
                    + " version INTEGER NOT NULL, state BLOB NOT NULL, queue VARCHAR(200), priority INTEGER,"
                    + " run_at BIGINT, max_attempts INTEGER, backoff_ms BIGINT, timeout_ms BIGINT,"
                    + " initiator VARCHAR(500), created_at BIGINT NOT NULL)");
        }
    }

    /** Whether the outbox table exists. */
    public static boolean exists(Connection app) throws SQLException {
        try (ResultSet rs = app.getMetaData().getTables(null, null, Outbox.TABLE, null)) {
            return rs.next();
        }
    }

    /** Writes one row, in the application's current transaction. */
    public static void insert(Connection app, Entry e) throws SQLException {
        try (PreparedStatement ps = app.prepareStatement("INSERT INTO " + Outbox.TABLE
                + " (id, name, version, state, queue, priority, run_at, max_attempts, backoff_ms, timeout_ms,"
                + " initiator, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.id());
            ps.setString(2, e.name());
            ps.setInt(3, e.version());
            ps.setBytes(4, e.state());
            setOrNull(ps, 5, e.queue());
            setOrNull(ps, 6, e.priority());
            setOrNull(ps, 7, e.runAt());
            setOrNull(ps, 8, e.maxAttempts());
            setOrNull(ps, 9, e.backoffMs());
            setOrNull(ps, 10, e.timeoutMs());
            setOrNull(ps, 11, e.initiator());
            ps.setLong(12, e.createdAt());
            ps.executeUpdate();
        }
    }

    private static void setOrNull(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, value instanceof String ? Types.VARCHAR : Types.BIGINT);
        } else {
            ps.setObject(index, value);
        }
    }

    /** The oldest {@code limit} rows, in dispatch order. */
    public static List<Entry> read(Connection app, int limit) throws SQLException {
        List<Entry> rows = new ArrayList<>();
        try (PreparedStatement ps = app.prepareStatement("SELECT id, name, version, state, queue, priority, run_at,"
                + " max_attempts, backoff_ms, timeout_ms, initiator, created_at FROM " + Outbox.TABLE
                + " ORDER BY created_at, id LIMIT " + limit); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Entry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBytes(4), rs.getString(5),
                        intOrNull(rs, 6), longOrNull(rs, 7), intOrNull(rs, 8), longOrNull(rs, 9), longOrNull(rs, 10),
                        rs.getString(11), rs.getLong(12)));
            }
        }
        return rows;
    }

    private static Integer intOrNull(ResultSet rs, int index) throws SQLException {
        int v = rs.getInt(index);
        return rs.wasNull() ? null : v;
    }

    private static Long longOrNull(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }

    /** Deletes the rows of these ids in one application transaction (rolled back if it fails). */
    public static void delete(Connection app, List<String> ids) throws SQLException {
        boolean auto = app.getAutoCommit();
        app.setAutoCommit(false);
        try (PreparedStatement ps = app.prepareStatement("DELETE FROM " + Outbox.TABLE + " WHERE id = ?")) {
            for (String id : ids) {
                ps.setString(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
            app.commit();
        } catch (SQLException e) {
            app.rollback();
            throw e;
        } finally {
            app.setAutoCommit(auto);
        }
    }
}
