package dev.stint.internal.exec;

import dev.stint.StorageException;
import dev.stint.internal.store.ActiveJobs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves outbox rows from an application's database into {@code jobs.db}: read, insert what is not there
 * yet (by id, in the active table or in history) in one {@code jobs.db} transaction, then delete the rows
 * from the outbox in one application transaction. A crash between the two commits leaves rows that the
 * next drain skips inserting and deletes.
 */
final class OutboxDrainer {
    private static final int BATCH = 1000;

    private final Engine engine;

    OutboxDrainer(Engine engine) {
        this.engine = engine;
    }

    /** Drains everything; {@code betweenCommits} runs after the jobs.db commit (tests use it to crash there). */
    int drain(Connection app, Runnable betweenCommits) {
        int moved = 0;
        try {
            if (!outboxExists(app)) {
                return 0;
            }
            while (true) {
                List<ActiveJobs.NewJob> rows = read(app);
                if (rows.isEmpty()) {
                    return moved;
                }
                List<String> inserted = engine.await(engine.writer().submitOrRun(s -> {
                    List<String> ids = ActiveJobs.insertMissing(s, rows);
                    java.util.Set<String> fresh = new java.util.HashSet<>(ids);
                    List<ActiveJobs.NewJob> added = rows.stream().filter(r -> fresh.contains(r.id())).toList();
                    s.afterCommit(() -> engine.announceQueued(added));
                    return ids;
                }));
                engine.afterOutboxInsert(rows, inserted);
                betweenCommits.run();
                delete(app, rows);
                moved += inserted.size();
                if (rows.size() < BATCH) {
                    return moved;
                }
            }
        } catch (SQLException e) {
            throw new StorageException("draining the application's outbox failed: " + e.getMessage(), e);
        }
    }

    private static boolean outboxExists(Connection app) throws SQLException {
        try (ResultSet rs = app.getMetaData().getTables(null, null, dev.stint.Outbox.TABLE, null)) {
            return rs.next();
        }
    }

    private List<ActiveJobs.NewJob> read(Connection app) throws SQLException {
        List<ActiveJobs.NewJob> rows = new ArrayList<>();
        try (PreparedStatement ps = app.prepareStatement("SELECT id, name, version, state, queue, priority, run_at,"
                + " max_attempts, backoff_ms, timeout_ms, initiator, created_at FROM " + dev.stint.Outbox.TABLE
                + " ORDER BY created_at, id LIMIT " + BATCH); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String queue = rs.getString(5);
                int priority = rs.getInt(6);
                long runAt = rs.getLong(7);
                Long runAtOrNull = rs.wasNull() ? null : runAt;
                int maxAttempts = rs.getInt(8);
                boolean noAttempts = rs.wasNull();
                long backoff = rs.getLong(9);
                boolean noBackoff = rs.wasNull();
                long timeout = rs.getLong(10);
                Long timeoutOrNull = rs.wasNull() ? null : timeout;
                rows.add(new ActiveJobs.NewJob(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBytes(4), rs.getLong(12),
                        queue == null ? EngineConfig.DEFAULT_QUEUE : queue, priority, runAtOrNull,
                        noAttempts ? 1 : maxAttempts, noBackoff ? 1000 : backoff, timeoutOrNull, null, null, null,
                        rs.getString(11)));
            }
        }
        return rows;
    }

    private static void delete(Connection app, List<ActiveJobs.NewJob> rows) throws SQLException {
        boolean auto = app.getAutoCommit();
        app.setAutoCommit(false);
        try (PreparedStatement ps = app.prepareStatement("DELETE FROM " + dev.stint.Outbox.TABLE + " WHERE id = ?")) {
            for (ActiveJobs.NewJob row : rows) {
                ps.setString(1, row.id());
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
