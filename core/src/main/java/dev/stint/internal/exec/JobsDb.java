package dev.stint.internal.exec;

import dev.stint.StintInterruptedException;
import dev.stint.StorageException;
import dev.stint.internal.store.CommitThread;
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

    /** Set on a job's own thread while it runs ({@link #runAsJobThread}): its writes never run on its stack. */
    private static final ThreadLocal<Boolean> JOB_THREAD = new ThreadLocal<>();

    /** Runs {@code body} (a job's whole run) as a job's thread: its writes go to the writer's own thread. */
    static void runAsJobThread(Runnable body) {
        JOB_THREAD.set(Boolean.TRUE);
        try {
            body.run();
        } finally {
            JOB_THREAD.remove();
        }
    }

    /**
     * Runs a write and waits for its commit. On a job's thread the writer's own thread runs it; elsewhere, when
     * the writer is idle, the calling thread may run it itself ({@link CommitThread} has the choices).
     */
    <T> T write(WriteOp<T> op) {
        return await(start(op, JOB_THREAD.get() != null));
    }

    /**
     * A write a job asks for through its context (a checkpoint, a step, results), from whatever thread: runs as
     * {@link #write} runs it on a job's thread, and waits for its commit.
     */
    <T> T writeForJob(WriteOp<T> op) {
        return await(start(op, true));
    }

    /** Queues a write for the writer's next batch; the future completes after its commit. */
    <T> CompletableFuture<T> submit(WriteOp<T> op) {
        return db.writer().submit(op);
    }

    /** Queues housekeeping for when the writer has nothing else to do (see {@link GroupCommitWriter#submitWhenIdle}). */
    <T> CompletableFuture<T> submitWhenIdle(WriteOp<T> op) {
        return db.writer().submitWhenIdle(op);
    }

    private <T> CompletableFuture<T> start(WriteOp<T> op, boolean forJob) {
        GroupCommitWriter writer = db.writer();
        return forJob && writer.commitThread() == CommitThread.CALLER_EXCEPT_JOBS ? writer.submit(op)
                : writer.submitOrRun(op);
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
