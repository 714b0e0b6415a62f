package dev.stint.torture.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msgpack.jackson.dataformat.MessagePackFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * What {@code jobs.db} holds after the worker died, read with a plain read-only sqlite-jdbc connection
 * (read-only so that the checker neither checkpoints nor removes the WAL the next open recovers from).
 *
 * @param integrity the result of {@code PRAGMA integrity_check} ({@code ok} when sound)
 * @param jobs every row of {@code jobs} and {@code job_history}
 * @param historyDuplicates ids that occur more than once in {@code job_history}
 * @param pausedQueues the queues marked paused
 */
public record DbSnapshot(String integrity, List<StoredJob> jobs, List<String> historyDuplicates,
        List<String> pausedQueues) {
    private static final ObjectMapper MSGPACK = new ObjectMapper(new MessagePackFactory());

    /** Reads {@code <library>/jobs.db}; an empty snapshot if the file does not exist yet. */
    public static DbSnapshot read(Path library) throws SQLException, IOException {
        Path db = library.resolve("jobs.db");
        if (!db.toFile().exists()) {
            return new DbSnapshot("ok", List.of(), List.of(), List.of());
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
                Statement st = c.createStatement()) {
            if (!hasTable(st, "jobs")) {
                return new DbSnapshot("ok", List.of(), List.of(), List.of()); // killed before the schema committed
            }
            String integrity = integrity(st);
            Map<String, Long> checkpoints = checkpointCounts(st);
            Map<String, Set<String>> steps = steps(st);
            List<StoredJob> jobs = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("""
                    SELECT id, name, status, initiator, parent_id, unique_key, created_at, started_at, attempts
                    FROM jobs""")) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    jobs.add(new StoredJob(id, rs.getString(2), rs.getString(3), false, rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getLong(7), nullableLong(rs, 8), rs.getInt(9), 0, null, null,
                            checkpoints.getOrDefault(id, -1L), steps.getOrDefault(id, Set.of())));
                }
            }
            try (ResultSet rs = st.executeQuery("""
                    SELECT id, name, status, initiator, parent_id, unique_key, created_at, started_at, attempts,
                           attempt_errors, output, error
                    FROM job_history""")) {
                while (rs.next()) {
                    jobs.add(new StoredJob(rs.getString(1), rs.getString(2), rs.getString(3), true, rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getLong(7), nullableLong(rs, 8), rs.getInt(9),
                            arrayLength(rs.getBytes(10)), decode(rs.getBytes(11)), errorText(rs.getBytes(12)), -1,
                            Set.of()));
                }
            }
            List<String> duplicates = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT id FROM job_history GROUP BY id HAVING COUNT(*) > 1")) {
                while (rs.next()) {
                    duplicates.add(rs.getString(1));
                }
            }
            List<String> pausedQueues = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM queues WHERE paused = 1")) {
                while (rs.next()) {
                    pausedQueues.add(rs.getString(1));
                }
            }
            return new DbSnapshot(integrity, jobs, duplicates, pausedQueues);
        }
    }

    private static boolean hasTable(Statement st, String table) throws SQLException {
        // a view counts: since schema version 8, jobs and job_history are views over job_rows
        try (ResultSet rs = st.executeQuery("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = '"
                + table + "'")) {
            return rs.next();
        }
    }

    private static String integrity(Statement st) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
                sb.append(sb.isEmpty() ? "" : "; ").append(rs.getString(1));
            }
        }
        return sb.toString();
    }

    /** The {@code count} field of each counting job's latest checkpoint. */
    private static Map<String, Long> checkpointCounts(Statement st) throws SQLException, IOException {
        Map<String, Long> counts = new HashMap<>();
        try (ResultSet rs = st.executeQuery("""
                SELECT c.job_id, c.state FROM job_checkpoints c JOIN jobs j ON j.id = c.job_id
                WHERE j.name = 'torture.count'""")) {
            while (rs.next()) {
                JsonNode state = MSGPACK.readTree(rs.getBytes(2));
                counts.put(rs.getString(1), state.path("count").asLong(0));
            }
        }
        return counts;
    }

    private static Map<String, Set<String>> steps(Statement st) throws SQLException {
        Map<String, Set<String>> steps = new HashMap<>();
        try (ResultSet rs = st.executeQuery("SELECT job_id, name FROM job_steps")) {
            while (rs.next()) {
                steps.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
            }
        }
        return steps;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static int arrayLength(byte[] blob) throws IOException {
        return blob == null ? 0 : MSGPACK.readTree(blob).size();
    }

    private static String errorText(byte[] blob) throws IOException {
        JsonNode e = decode(blob);
        return e == null ? null : e.path("type").asText() + ": " + e.path("message").asText();
    }

    private static JsonNode decode(byte[] blob) throws IOException {
        return blob == null ? null : MSGPACK.readTree(blob);
    }

    /** Decodes a JSON text (child outputs are stored as JSON strings in the parent's output). */
    static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }
}
