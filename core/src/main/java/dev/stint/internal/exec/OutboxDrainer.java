package dev.stint.internal.exec;

import dev.stint.StorageException;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.internal.store.OutboxTable;
import java.sql.Connection;
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
        return OutboxTable.exists(app);
    }

    private List<ActiveJobs.NewJob> read(Connection app) throws SQLException {
        List<ActiveJobs.NewJob> rows = new ArrayList<>();
        for (OutboxTable.Entry e : OutboxTable.read(app, BATCH)) {
            rows.add(new ActiveJobs.NewJob(e.id(), e.name(), e.version(), e.state(), e.createdAt(),
                    e.queue() == null ? EngineConfig.DEFAULT_QUEUE : e.queue(), e.priority() == null ? 0 : e.priority(),
                    e.runAt(), e.maxAttempts() == null ? 1 : e.maxAttempts(),
                    e.backoffMs() == null ? 1000 : e.backoffMs(), e.timeoutMs(), null, null, null, e.initiator()));
        }
        return rows;
    }

    private static void delete(Connection app, List<ActiveJobs.NewJob> rows) throws SQLException {
        OutboxTable.delete(app, rows.stream().map(ActiveJobs.NewJob::id).toList());
    }
}
