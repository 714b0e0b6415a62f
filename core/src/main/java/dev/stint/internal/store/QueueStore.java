package dev.stint.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code queues} table: which queues are paused, persisted across restarts. Runs on the writer thread
 * inside a {@link WriteSession}.
 */
public final class QueueStore {
    private QueueStore() {
    }

    /** The queues marked paused. */
    public static List<String> pausedQueues(WriteSession s) throws SQLException {
        PreparedStatement ps = s.prepare("SELECT name FROM queues WHERE paused = 1 ORDER BY name");
        List<String> names = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Marks a queue paused or not (persisted). */
    public static void setQueuePaused(WriteSession s, String queue, boolean paused, long now) throws SQLException {
        PreparedStatement ps = s.prepare("""
                INSERT INTO queues (name, paused, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET paused = excluded.paused, updated_at = excluded.updated_at""");
        ps.setString(1, queue);
        ps.setInt(2, paused ? 1 : 0);
        ps.setLong(3, now);
        ps.executeUpdate();
    }
}
