package dev.stint.internal.exec;

import dev.stint.StorageException;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.internal.store.NewJob;
import dev.stint.internal.store.OutboxTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Moves outbox rows from an application's database into {@code jobs.db}: read, insert what is not there
 * yet (by id, in the active table or in history) in one {@code jobs.db} transaction, then delete the rows
 * from the outbox in one application transaction. A crash between the two commits leaves rows that the
 * next drain skips inserting and deletes.
 */
final class OutboxDrainer {
    private static final int BATCH = 1000;

    private final JobsDb db;
    private final StatusAnnouncer announcer;
    private final Queues queues;
    private final DueTimer due;
    private final Scheduler scheduler;

    OutboxDrainer(JobsDb db, StatusAnnouncer announcer, Queues queues, DueTimer due, Scheduler scheduler) {
        this.db = db;
        this.announcer = announcer;
        this.queues = queues;
        this.due = due;
        this.scheduler = scheduler;
    }

    /** Drains everything; {@code betweenCommits} runs after the jobs.db commit (tests use it to crash there). */
    int drain(Connection app, Runnable betweenCommits) {
        int moved = 0;
        try {
            if (!outboxExists(app)) {
                return 0;
            }
            while (true) {
                List<NewJob> rows = read(app);
                if (rows.isEmpty()) {
                    return moved;
                }
                List<String> inserted = db.write(s -> {
                    List<String> ids = ActiveJobs.insertMissing(s, rows);
                    java.util.Set<String> fresh = new java.util.HashSet<>(ids);
                    List<NewJob> added = rows.stream().filter(r -> fresh.contains(r.id())).toList();
                    s.afterCommit(() -> announcer.queued(added));
                    return ids;
                });
                afterInsert(rows, inserted);
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

    /** After outbox rows reached jobs.db (and were announced): check their queues and wake the scheduler. */
    private void afterInsert(List<NewJob> rows, List<String> inserted) {
        due.changed();
        java.util.Set<String> ids = new java.util.HashSet<>(inserted);
        for (NewJob row : rows) {
            if (ids.contains(row.id())) {
                queues.adoptFromOutbox(row.queue(), row.id());
            }
        }
        scheduler.wake();
    }

    private static boolean outboxExists(Connection app) throws SQLException {
        return OutboxTable.exists(app);
    }

    private static List<NewJob> read(Connection app) throws SQLException {
        return OutboxTable.read(app, BATCH).stream().map(NewJobs::ofOutbox).toList();
    }

    private static void delete(Connection app, List<NewJob> rows) throws SQLException {
        OutboxTable.delete(app, rows.stream().map(NewJob::id).toList());
    }
}
