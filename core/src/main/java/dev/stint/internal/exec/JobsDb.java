package dev.stint.internal.exec;

import dev.stint.StintInterruptedException;
import dev.stint.StorageException;
import dev.stint.internal.store.Database;
import dev.stint.internal.store.GroupCommitWriter;
import dev.stint.internal.store.WriteOp;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The rooms' door to {@code jobs.db}: writes through the group-committing writer, awaited with failures
 * turned into the public exception types, and reads on the reader connection. The SQL itself lives in
 * {@code internal.store}; this class only carries operations there and back.
 */
final class JobsDb {
    private final Database db;

    JobsDb(Database db) {
        this.db = db;
    }

    /** Runs a write (on the caller's thread if it is the writer's) and waits for its commit. */
    <T> T write(WriteOp<T> op) {
        return await(db.writer().submitOrRun(op));
    }

    /** Queues a write for the writer's next batch; the future completes after its commit. */
    <T> CompletableFuture<T> submit(WriteOp<T> op) {
        return db.writer().submit(op);
    }

    /** Queues a write, or runs it at once inside the current batch when called on the writer thread. */
    <T> CompletableFuture<T> submitOrRun(WriteOp<T> op) {
        return db.writer().submitOrRun(op);
    }

    <T> T read(Database.Query<T> query) {
        return db.read(query);
    }

    GroupCommitWriter writer() {
        return db.writer();
    }

    /**
     * Waits for a write; converts failures into the public exception types. An interrupted caller gets a
     * {@link StintInterruptedException} with its interrupt flag set again (the write itself goes on).
     */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StintInterruptedException("interrupted while waiting for a write to jobs.db to commit", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof CompletionException ce && ce.getCause() != null) {
            cause = ce.getCause();
        }
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new StorageException(String.valueOf(cause.getMessage()), cause);
    }
}
