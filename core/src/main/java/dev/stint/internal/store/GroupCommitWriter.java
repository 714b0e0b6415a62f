package dev.stint.internal.store;

import dev.stint.LibraryClosedException;
import dev.stint.StorageException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * only after its change is durable. A batch run by the writer's own platform thread has a stack of
 * {@value #STACK_BYTES} bytes whatever the caller's: no caller's stack overflow, interrupt or {@code Error} can
 * land in the middle of its transaction. {@link #submit} always hands the operation to that thread;
 * {@link #submitOrRun} may let an idle writer's caller run the batch itself, as {@link CommitThread} says.
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 512;
    /** Batches after which idle work runs even though the queue never emptied. */
    static final int MAX_BATCHES_BEFORE_IDLE_WORK = 64;
    /** The writer thread's stack: SQLite's native frames and the operations run on it, never short of room. */
    static final long STACK_BYTES = 8L << 20;

    private final BatchTransaction transaction;
    private final BlockingQueue<PendingWrite<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final String label;
    private final CommitThread commitThread;
    private volatile boolean accepting = true;
    private volatile boolean crashed;

    /** Housekeeping that waits until nothing else is queued ({@link #submitWhenIdle}). */
    private final Queue<PendingWrite<?>> idleWork = new ConcurrentLinkedQueue<>();
    /** Batches run since idle work was last run while some waited: bounds how long it can be put off. */
    private int batchesWhileIdleWorkWaits;
    /** Wakes the writer thread for idle work when it sleeps. */
    private final PendingWrite<Void> idleNudge = new PendingWrite<>(s -> null, new CompletableFuture<>());
    private final PendingWrite<Void> stopMarker = new PendingWrite<>(s -> null, new CompletableFuture<>());
    /** Wakes the writer thread after a caller-run commit, so that it schedules the idle WAL checkpoint. */
    private final PendingWrite<Void> walNudge = new PendingWrite<>(s -> null, new CompletableFuture<>());
    private final ReentrantLock submitLock = new ReentrantLock();
    /** Held while a batch runs on the connection: by the writer thread, or by a caller running its own. */
    private final ReentrantLock connectionLock = new ReentrantLock();

    /** Starts the writer thread on {@code connection}, which it then owns; batches run as {@code commitThread} says. */
    public GroupCommitWriter(Connection connection, String label, CommitThread commitThread) {
        this(connection, label, commitThread, writes -> { });
    }

    /**
     * As {@link #GroupCommitWriter(Connection, String, CommitThread)}; {@code batchCommitted} is told the number of
     * operations of each batch right after it commits, on the thread that ran it.
     */
    public GroupCommitWriter(Connection connection, String label, CommitThread commitThread,
            java.util.function.IntConsumer batchCommitted) {
        this.transaction = new BatchTransaction(connection, label, batchCommitted);
        this.label = label;
        this.commitThread = commitThread;
        this.thread = Thread.ofPlatform().daemon(true).name("stint-writer-" + label).stackSize(STACK_BYTES)
                .unstarted(this::loop);
        this.thread.start();
    }

    /** Which thread runs the batches of waiting callers. */
    public CommitThread commitThread() {
        return commitThread;
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
                queue.add(new PendingWrite<>(op, future));
                return future;
            }
        } finally {
            submitLock.unlock();
        }
        future.completeExceptionally(new LibraryClosedException(null, "library " + label + " is closed"));
        return future;
    }

    /**
     * Queues housekeeping (pruning history, say) that need not share anyone's commit: the writer thread runs it
     * in a batch of its own when nothing else is queued, or after at most {@value #MAX_BATCHES_BEFORE_IDLE_WORK}
     * batches under sustained load. The future completes as {@link #submit}'s does.
     */
    public <T> CompletableFuture<T> submitWhenIdle(WriteOp<T> op) {
        CompletableFuture<T> future = new CompletableFuture<>();
        submitLock.lock();
        try {
            if (accepting) {
                idleWork.add(new PendingWrite<>(op, future));
                queue.add(idleNudge);
                return future;
            }
        } finally {
            submitLock.unlock();
        }
        future.completeExceptionally(new LibraryClosedException(null, "library " + label + " is closed"));
        return future;
    }

    /**
     * Runs an operation whose caller waits for it anyway. With {@link CommitThread#WRITER} it is queued as by
     * {@link #submit}, and the writer thread runs it. Otherwise ({@link CommitThread#CALLER},
     * {@link CommitThread#CALLER_EXCEPT_JOBS}, whose job threads call {@link #submit} instead), when the writer is idle
     * (nothing queued, no batch running), the calling thread runs the batch itself, with the same transaction,
     * savepoint, commit and after-commit steps as the writer thread: no hand-off to the writer and back;
     * otherwise the operation is queued and shares the next group commit. A call from the thread that holds
     * the connection (the writer thread, in an after-commit step) runs at once on it, in either mode. Either
     * way the returned future is the one {@link #submit} would return.
     */
    public <T> CompletableFuture<T> submitOrRun(WriteOp<T> op) {
        if (commitThread == CommitThread.WRITER && !connectionLock.isHeldByCurrentThread()) {
            return submit(op);
        }
        if (!queue.isEmpty() || !connectionLock.tryLock()) {
            return submit(op);
        }
        try {
            List<PendingWrite<?>> batch = new ArrayList<>();
            submitLock.lock();
            try {
                if (!accepting || crashed) {
                    batch = null;
                } else {
                    // anything queued meanwhile was submitted first: it runs first
                    queue.drainTo(batch, MAX_BATCH - 1);
                    if (batch.removeIf(p -> p == idleNudge)) {
                        queue.add(idleNudge); // the writer thread still runs the idle work
                    }
                    batch.removeIf(p -> p == walNudge);
                }
            } finally {
                submitLock.unlock();
            }
            if (batch == null) {
                return submit(op);
            }
            PendingWrite<T> mine = new PendingWrite<>(op, new CompletableFuture<>());
            batch.add(mine);
            boolean walWasClean = !transaction.walCheckpointOwed();
            try {
                transaction.run(batch, queue::isEmpty);
            } catch (RuntimeException | Error e) {
                // the caller's own thread failed in the middle of the batch (its stack ran out, say): undo
                // it now if this thread still can, otherwise the writer thread does at once
                try {
                    if (transaction.hasUnfinished()) {
                        transaction.recover(e);
                    } else {
                        transaction.fail(batch, e);
                    }
                } catch (Throwable again) {
                    nudgeWriter();
                    throw e;
                }
            }
            if (walWasClean && transaction.walCheckpointOwed()) {
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
        return transaction.commits();
    }

    /** Operations committed so far. */
    public long operationsCommitted() {
        return transaction.operationsCommitted();
    }

    private void loop() {
        List<PendingWrite<?>> batch = new ArrayList<>(MAX_BATCH);
        boolean stop = false;
        while (!stop) {
            try {
                // a timed wait only while a WAL checkpoint is owed; otherwise sleep until work arrives
                PendingWrite<?> first = transaction.walCheckpointOwed() ? queue.poll(2, TimeUnit.SECONDS) : queue.take();
                if (first == idleNudge) {
                    if (queue.isEmpty() || ++batchesWhileIdleWorkWaits >= MAX_BATCHES_BEFORE_IDLE_WORK) {
                        connectionLock.lock();
                        runIdleWork(batch);
                    } else {
                        queue.add(idleNudge); // after what is queued now
                    }
                    continue;
                }
                if (first == walNudge) {
                    // a caller ran a commit itself: wait again, now timed, so the idle checkpoint happens;
                    // or its thread failed in the middle of a batch: undo that now
                    if (transaction.hasUnfinished()) {
                        connectionLock.lock();
                        transaction.recover(null);
                    }
                    continue;
                }
                connectionLock.lock();
                if (first == null) {
                    transaction.checkpointWalIfDue(true);
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                batch.removeIf(p -> p == walNudge);
                if (batch.removeIf(p -> p == idleNudge)) {
                    queue.add(idleNudge); // looked at again once this batch is done
                }
                if (batch.isEmpty()) {
                    continue;
                }
                if (crashed) {
                    // a simulated crash: nothing queued reaches the file
                    for (PendingWrite<?> p : batch) {
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
                    batch.removeIf(p -> p == stopMarker || p == idleNudge || p == walNudge);
                }
                transaction.run(batch, queue::isEmpty);
            } catch (InterruptedException e) {
                // the writer stops only at its stop marker: an interrupt (from an operation run on this thread,
                // or anyone else's) stops nothing, and is not left to disturb the next batch
                LOG.warn("writer of {} was interrupted; it goes on (it stops only when the library closes)", label);
            } catch (Throwable t) {
                // never let the writer thread die with callers waiting, whatever unwound the batch (a stack
                // overflow or OutOfMemoryError too: both have unwound by now): fail this batch and carry on
                try {
                    if (transaction.hasUnfinished()) {
                        transaction.recover(t);
                    } else {
                        transaction.fail(batch, t);
                    }
                } catch (Throwable again) {
                    // still unfinished if the rollback itself failed: the next batch recovers it first
                    LOG.error("writer of {} could not undo a failed batch yet", label, again);
                }
            } finally {
                // an operation that set this thread's interrupt flag must not fail the next batch's wait
                Thread.interrupted();
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
        LOG.debug("writer of {} stops after {} commits of {} operations", label, transaction.commits(),
                transaction.operationsCommitted());
        transaction.close();
        stopMarker.future().complete(null);
    }

    /** Runs the idle work queued so far as one batch (the connection lock held); a crashed writer drops it. */
    private void runIdleWork(List<PendingWrite<?>> batch) {
        batchesWhileIdleWorkWaits = 0;
        PendingWrite<?> p;
        while (batch.size() < MAX_BATCH && (p = idleWork.poll()) != null) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        if (crashed) {
            batch.forEach(w -> w.future().completeExceptionally(new LibraryClosedException(null, "library " + label + " crashed")));
            return;
        }
        transaction.run(batch, queue::isEmpty);
    }

    private int indexOfStop(List<PendingWrite<?>> batch) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) == stopMarker) {
                return i;
            }
        }
        return -1;
    }

    private void failRemaining() {
        PendingWrite<?> p;
        while ((p = idleWork.poll()) != null) {
            p.future().completeExceptionally(new LibraryClosedException(null, "library " + label + " is closed"));
        }
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
