package dev.stint.internal.store;

import dev.stint.LibraryClosedException;
import dev.stint.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of a library's {@code jobs.db}. Operations submitted from any thread queue up; the
 * writer thread takes everything queued (up to a batch limit) and runs it in one transaction, each
 * operation under its own savepoint, then commits once and completes every operation's future. So
 * concurrent checkpoints and dispatches share commits (group commit), and a caller's future completes
 * only after its change is durable.
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 512;

    private final Connection connection;
    private final WriteSession session;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final String label;
    private volatile boolean accepting = true;
    private volatile boolean crashed;
    private long commits;
    private final WalCheckpointPacer walCheckpoints;
    private long opsCommitted;
    /** Set when a statement failed in this batch: the cached statements are dropped after it. */
    private boolean statementsSuspect;
    /**
     * The batch on the connection from its BEGIN until it has committed or rolled back. Still set after
     * that only if something unwound the thread running it in the middle (a stack overflow, any Error): the
     * next holder of the connection then rolls it back and fails its operations ({@link #recover}).
     */
    private volatile List<Pending<?>> unfinished;

    private record Pending<T>(WriteOp<T> op, CompletableFuture<T> future) {
    }

    private final Pending<Void> stopMarker = new Pending<>(s -> null, new CompletableFuture<>());
    /** Wakes the writer thread after a caller-run commit, so that it schedules the idle WAL checkpoint. */
    private final Pending<Void> walNudge = new Pending<>(s -> null, new CompletableFuture<>());
    private final ReentrantLock submitLock = new ReentrantLock();
    /** Held while a batch runs on the connection: by the writer thread, or by a caller running its own. */
    private final ReentrantLock connectionLock = new ReentrantLock();

    /** Starts the writer thread on {@code connection}, which it then owns. */
    public GroupCommitWriter(Connection connection, String label) {
        this.connection = connection;
        this.session = new WriteSession(connection);
        this.label = label;
        this.walCheckpoints = new WalCheckpointPacer(label);
        this.thread = Thread.ofPlatform().daemon(true).name("stint-writer-" + label).unstarted(this::loop);
        this.thread.start();
    }

    /**
     * Queues an operation. The returned future completes with the operation's result after its
     * transaction commits, or exceptionally with the operation's own exception, a
     * {@link StorageException} if the commit failed, or a {@link LibraryClosedException}.
     */
    public <T> CompletableFuture<T> submit(WriteOp<T> op) {
        CompletableFuture<T> future = new CompletableFuture<>();
        submitLock.lock();
        try {
            if (accepting) {
                queue.add(new Pending<>(op, future));
                return future;
            }
        } finally {
            submitLock.unlock();
        }
        future.completeExceptionally(new LibraryClosedException(null, "library " + label + " is closed"));
        return future;
    }

    /**
     * Runs an operation whose caller waits for it anyway. When the writer is idle (nothing queued, no batch
     * running), the calling thread runs the batch itself, with the same transaction, savepoint, commit and
     * after-commit steps as the writer thread: no hand-off to the writer and back, which is most of the cost
     * of a lone checkpoint or dispatch. Otherwise the operation is queued as by {@link #submit} and shares
     * the next group commit. Either way the returned future is the one {@link #submit} would return.
     */
    public <T> CompletableFuture<T> submitOrRun(WriteOp<T> op) {
        if (!queue.isEmpty() || !connectionLock.tryLock()) {
            return submit(op);
        }
        try {
            List<Pending<?>> batch = new ArrayList<>();
            submitLock.lock();
            try {
                if (!accepting || crashed) {
                    batch = null;
                } else {
                    // anything queued meanwhile was submitted first: it runs first
                    queue.drainTo(batch, MAX_BATCH - 1);
                    batch.removeIf(p -> p == walNudge);
                }
            } finally {
                submitLock.unlock();
            }
            if (batch == null) {
                return submit(op);
            }
            Pending<T> mine = new Pending<>(op, new CompletableFuture<>());
            batch.add(mine);
            boolean walWasClean = !walCheckpoints.owed();
            try {
                runBatch(batch);
            } catch (RuntimeException | Error e) {
                // the caller's own thread failed in the middle of the batch (its stack ran out, say): undo
                // it now if this thread still can, otherwise the writer thread does at once
                try {
                    if (unfinished != null) {
                        recover(e);
                    } else {
                        failBatch(batch, e);
                    }
                } catch (Throwable again) {
                    nudgeWriter();
                    throw e;
                }
            }
            if (walWasClean && walCheckpoints.owed()) {
                nudgeWriter();
            }
            return mine.future();
        } finally {
            connectionLock.unlock();
        }
    }

    private void nudgeWriter() {
        submitLock.lock();
        try {
            if (accepting) {
                queue.add(walNudge);
            }
        } finally {
            submitLock.unlock();
        }
    }

    /** Whether the calling thread is running a batch now (operations must not wait on the writer from it). */
    public boolean isWriterThread() {
        return Thread.currentThread() == thread || connectionLock.isHeldByCurrentThread();
    }

    /** Commits made so far. */
    public long commits() {
        return commits;
    }

    /** Operations committed so far. */
    public long operationsCommitted() {
        return opsCommitted;
    }

    private void loop() {
        List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
        boolean stop = false;
        while (!stop) {
            try {
                // a timed wait only while a WAL checkpoint is owed; otherwise sleep until work arrives
                Pending<?> first = walCheckpoints.owed() ? queue.poll(2, TimeUnit.SECONDS) : queue.take();
                if (first == walNudge) {
                    // a caller ran a commit itself: wait again, now timed, so the idle checkpoint happens;
                    // or its thread failed in the middle of a batch: undo that now
                    if (unfinished != null) {
                        connectionLock.lock();
                        if (unfinished != null) {
                            recover(null);
                        }
                    }
                    continue;
                }
                connectionLock.lock();
                if (first == null) {
                    checkpointWalIfDue(true);
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                batch.removeIf(p -> p == walNudge);
                if (batch.isEmpty()) {
                    continue;
                }
                if (crashed) {
                    // a simulated crash: nothing queued reaches the file
                    for (Pending<?> p : batch) {
                        p.future().completeExceptionally(new LibraryClosedException(null, "library " + label + " crashed"));
                    }
                    batch.clear();
                    stop = true;
                    continue;
                }
                int stopAt = indexOfStop(batch);
                if (stopAt >= 0) {
                    stop = true;
                    // everything queued before stopMarker still runs; stopMarker itself is dropped
                    batch.remove(stopAt);
                    queue.drainTo(batch);
                    batch.removeIf(p -> p == stopMarker);
                }
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
            } catch (Throwable t) {
                // never let the writer thread die with callers waiting: fail this batch and carry on
                if (unfinished != null) {
                    recover(t);
                } else {
                    failBatch(batch, t);
                }
                if (t instanceof VirtualMachineError) {
                    stop = true;
                }
            } finally {
                batch.clear();
                if (connectionLock.isHeldByCurrentThread()) {
                    connectionLock.unlock();
                }
            }
        }
        connectionLock.lock();
        submitLock.lock();
        try {
            accepting = false;
        } finally {
            submitLock.unlock();
        }
        failRemaining();
        LOG.debug("writer of {} stops after {} commits of {} operations", label, commits, opsCommitted);
        session.closeStatements();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing writer connection of {} failed", label, e);
        }
        stopMarker.future().complete(null);
    }

    /**
     * Undoes a batch that something unwound in the middle ({@link #unfinished}): rolls the transaction back,
     * runs its operations' rollback actions, drops the cached statements (their state is unknown) and fails
     * every operation of it that is not done yet with a {@link StorageException}. The writer is healthy
     * again afterwards. Called with the connection held, by whoever holds it next.
     *
     * @param cause what unwound the batch, or null when it is not known here
     */
    private void recover(Throwable cause) {
        List<Pending<?>> batch = unfinished;
        if (batch == null) {
            return;
        }
        rollbackQuietly();
        session.takeAfterCommit();
        session.runRollbackActions();
        session.closeStatements();
        unfinished = null;
        StorageException failure = new StorageException("a write to " + label + " was interrupted before it"
                + " committed" + (cause == null ? "" : " (" + cause + ")") + "; it was rolled back: nothing of it"
                + " is stored", cause);
        for (Pending<?> p : batch) {
            if (!p.future().isDone()) {
                p.future().completeExceptionally(failure);
            }
        }
        LOG.warn("writer of {}: a batch of {} operation(s) was interrupted before it committed ({}); rolled back",
                label, batch.size(), cause == null ? "its thread failed" : cause.toString());
    }

    private void failBatch(List<Pending<?>> batch, Throwable t) {
        LOG.error("writer of {} failed on a batch of {} operation(s)", label, batch.size(), t);
        rollbackQuietly();
        session.takeAfterCommit();
        session.runRollbackActions();
        StorageException failure = new StorageException("write to " + label + " failed: " + t, t);
        for (Pending<?> p : batch) {
            p.future().completeExceptionally(failure);
        }
    }

    private int indexOfStop(List<Pending<?>> batch) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) == stopMarker) {
                return i;
            }
        }
        return -1;
    }

    private void runBatch(List<Pending<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (unfinished != null) {
            recover(null);
        }
        List<Object> results = new ArrayList<>(batch.size());
        List<Throwable> failures = new ArrayList<>(batch.size());
        unfinished = batch;
        try {
            // explicit transactions: between batches the connection holds no lock at all
            session.prepare("BEGIN IMMEDIATE").execute();
            boolean single = batch.size() == 1;
            for (Pending<?> p : batch) {
                int mark = session.markAfterCommit();
                int rollbackMark = session.markRollback();
                if (!single) {
                    session.prepare("SAVEPOINT op").execute();
                }
                try {
                    Object result = p.op().apply(session);
                    if (!single) {
                        session.prepare("RELEASE op").execute();
                    }
                    results.add(result);
                    failures.add(null);
                } catch (Exception e) {
                    // a failed statement may leave cached statements unusable ("statement is not executing"):
                    // prepare everything afresh after this batch
                    statementsSuspect = true;
                    if (single) {
                        // nothing else shares this transaction: undo it whole, commit nothing (SQLite may
                        // already have rolled it back itself, on SQLITE_FULL or SQLITE_IOERR)
                        rollbackQuietly();
                        session.prepare("BEGIN IMMEDIATE").execute();
                    } else {
                        try {
                            session.prepare("ROLLBACK TO op").execute();
                            session.prepare("RELEASE op").execute();
                        } catch (SQLException transactionGone) {
                            // SQLite rolled back the whole transaction itself (disk full, I/O error): every
                            // operation of this batch is undone, so all of them fail, with this one's cause
                            throw e instanceof SQLException sql ? sql : transactionGone;
                        }
                    }
                    session.rolledBack(mark, rollbackMark);
                    results.add(null);
                    failures.add(e);
                }
            }
            session.prepare("COMMIT").execute();
            unfinished = null;
            session.clearRollbackActions();
            commits++;
            opsCommitted += batch.size();
            walCheckpoints.committed();
        } catch (SQLException e) {
            rollbackQuietly();
            unfinished = null;
            session.takeAfterCommit();
            session.runRollbackActions();
            StorageException failure = StoreErrors.translate("commit to " + label, e);
            for (Pending<?> p : batch) {
                p.future().completeExceptionally(failure);
            }
            statementsSuspect = true;
            return;
        } finally {
            if (statementsSuspect) {
                statementsSuspect = false;
                session.closeStatements();
            }
        }
        for (Runnable action : session.takeAfterCommit()) {
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                // committed: an in-memory follow-up failed (an Error too, e.g. the caller's stack ran out), the
                // write stands and the batch's callers are still told
                LOG.error("after-commit action failed in {}", label, e);
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i), failures.get(i));
        }
        if (walCheckpoints.worthTrying(queue.isEmpty())) {
            checkpointWalIfDue(false);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Pending<T> p, Object result, Throwable failure) {
        if (failure == null) {
            p.future().complete((T) result);
        } else if (failure instanceof SQLException sql) {
            p.future().completeExceptionally(StoreErrors.translate("write", sql));
        } else {
            p.future().completeExceptionally(failure);
        }
    }

    private void checkpointWalIfDue(boolean idle) {
        if (!walCheckpoints.checkpointIfDue(connection, idle)) {
            rollbackQuietly();
        }
    }

    private void rollbackQuietly() {
        try (Statement st = connection.createStatement()) {
            st.execute("ROLLBACK");
        } catch (SQLException e) {
            // "no transaction is active" when BEGIN itself failed: nothing to undo
            LOG.debug("rollback in {}: {}", label, e.getMessage());
        }
    }

    private void failRemaining() {
        Pending<?> p;
        while ((p = queue.poll()) != null) {
            if (p != stopMarker) {
                p.future().completeExceptionally(new LibraryClosedException(null, "library " + label + " is closed"));
            }
        }
    }

    /** For tests: stops at once, as a killed process would; queued operations are dropped, never written. */
    public void crash() {
        stop(true);
    }

    /**
     * Stops accepting operations, runs everything already queued, and closes the connection. Waits for
     * the writer thread to finish.
     */
    @Override
    public void close() {
        stop(false);
    }

    /**
     * Stops accepting operations and waits for the writer thread to end: after running what is queued, or,
     * for a crash, without writing it. Safe to call more than once; never waits while holding the lock.
     */
    private void stop(boolean crash) {
        submitLock.lock();
        try {
            if (crash) {
                crashed = true;
            }
            if (accepting) {
                accepting = false;
                queue.add(stopMarker);
            }
        } finally {
            submitLock.unlock();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
