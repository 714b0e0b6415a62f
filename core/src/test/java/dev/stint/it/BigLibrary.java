package dev.stint.it;

import dev.stint.ErrorRecord;
import dev.stint.Progress;
import dev.stint.internal.codec.ProgressRecord;
import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.codec.StoredError;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Fills a library's {@code jobs.db} (created and closed by the library first) with many jobs at once, with
 * raw SQL in one transaction: finished jobs in history (failed ones, which retention keeps, with an error and
 * about 600 bytes of non-critical errors; one in 25 completed, with about 1 KiB of output), and queued and
 * paused active jobs among them in dispatch order. Three jobs share each millisecond, with ids in random order
 * within it, so that dispatch order (creation time, then id) differs from insertion order. The console's tests
 * have the same helper.
 */
final class BigLibrary {
    /** Created at of the first job (epoch ms): a day before the tests run, within history retention. */
    static final long T0 = System.currentTimeMillis() - 86_400_000L;

    /** What was inserted: counts and the first and last job in dispatch order. */
    record Filled(int history, int active, String firstId, String lastId) {
        int total() {
            return history + active;
        }
    }

    private BigLibrary() {
    }

    /**
     * Inserts {@code history} finished jobs and {@code active} active ones (spread evenly among them).
     *
     * @param name the job type name every row gets
     */
    static Filled fill(Path library, String name, int history, int active) throws SQLException {
        StateCodec codec = new StateCodec();
        byte[] output = codec.encode(Map.of("summary", "o".repeat(1_000), "count", 42));
        byte[] progress = codec.encode(ProgressRecord.of(new Progress.Indeterminate("p".repeat(100))));
        ErrorRecord failure = ErrorRecord.of("java.io.IOException", "disk gone", T0);
        byte[] error = codec.encode(StoredError.of(failure));
        byte[] attemptErrors = codec.encode(StoredError.ofAll(List.of(failure)));
        byte[] errors = codec.encode(StoredError.ofAll(List.of(ErrorRecord.of("warning", "e".repeat(600), T0))));
        byte[] state = codec.encode(Map.of("to", 10, "note", "s".repeat(200)));
        Random random = new Random(14);
        int total = history + active;
        int activeEvery = active == 0 ? Integer.MAX_VALUE : total / active;
        String first = null;
        String last = null;
        long firstKey = Long.MAX_VALUE;
        long lastKey = Long.MIN_VALUE;
        int activeLeft = active;
        int historyLeft = history;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("jobs.db"));
                Statement st = c.createStatement()) {
            st.execute("PRAGMA synchronous = OFF");
            st.execute("BEGIN");
            try (PreparedStatement h = c.prepareStatement("""
                    INSERT INTO job_rows (seq, id, name, version, status, output, error, errors, progress, run_count,
                      checkpoints, created_at, started_at, finished_at, queue, attempts, max_attempts, attempt_errors,
                      run_ms, state, updated_at)
                    VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, 1, 0, ?, ?, ?, 'default', 1, 1, ?, 5, X'', 0)""");
                    PreparedStatement a = c.prepareStatement("""
                    INSERT INTO job_rows (seq, id, name, version, status, state, progress, created_at, updated_at, queue)
                    VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, 'default')""")) {
                for (int i = 0; i < total; i++) {
                    long createdAt = T0 + i / 3;
                    String id = new UUID((createdAt << 16) | 0x7000L | (random.nextInt() & 0x0fff),
                            (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L).toString();
                    boolean isActive = activeLeft > 0 && (i % activeEvery == activeEvery - 1 || historyLeft == 0);
                    if (isActive) {
                        activeLeft--;
                        a.setLong(1, i + 1);
                        a.setString(2, id);
                        a.setString(3, name);
                        a.setString(4, i % 2 == 0 ? "queued" : "paused");
                        a.setBytes(5, state);
                        a.setBytes(6, progress);
                        a.setLong(7, createdAt);
                        a.setLong(8, createdAt);
                        a.executeUpdate();
                    } else {
                        historyLeft--;
                        boolean completed = i % 25 == 0; // 8,000 of 200,000: fewer than retention keeps
                        h.setLong(1, i + 1);
                        h.setString(2, id);
                        h.setString(3, name);
                        h.setString(4, completed ? "completed" : "failed");
                        h.setBytes(5, completed ? output : null);
                        h.setBytes(6, completed ? null : error);
                        h.setBytes(7, completed ? null : errors);
                        h.setBytes(8, progress);
                        h.setLong(9, createdAt);
                        h.setLong(10, createdAt + 1);
                        h.setLong(11, createdAt + 2);
                        h.setBytes(12, completed ? null : attemptErrors);
                        h.addBatch();
                        if (historyLeft % 1_000 == 0) {
                            h.executeBatch();
                        }
                    }
                    // the first and last in dispatch order: the smallest and largest (createdAt, id)
                    if (createdAt < firstKey || createdAt == firstKey && id.compareTo(first) < 0) {
                        firstKey = createdAt;
                        first = id;
                    }
                    if (createdAt > lastKey || createdAt == lastKey && id.compareTo(last) > 0) {
                        lastKey = createdAt;
                        last = id;
                    }
                }
                h.executeBatch();
            }
            st.execute("COMMIT");
        }
        return new Filled(history, active, first, last);
    }
}
