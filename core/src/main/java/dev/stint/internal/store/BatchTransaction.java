package dev.stint.internal.store;

import dev.stint.StorageException;
import dev.stint.internal.observe.CommitBatchEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch of write operations in one transaction on the writer's connection: {@code BEGIN IMMEDIATE},
 * each operation under its own savepoint (a failing one rolls back alone), one {@code COMMIT}, the
 * after-commit hooks, then every operation's future. A batch that something unwinds in the middle (a stack
 * overflow or any {@code Error} on the thread that runs it) stays {@link #hasUnfinished() unfinished} and is
 * rolled back by the next holder of the connection ({@link #recover}). Used only by the thread that holds the
 * {@link GroupCommitWriter}'s connection lock; it also paces the WAL checkpoints.
 */
final class BatchTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(BatchTransaction.class);

    private final Connection connection;
    private final WriteSession session;
    private final String label;
    private final WalCheckpointPacer walCheckpoints;
    /** Told the number of operations of each committed batch (the library's metrics). */
    private final IntConsumer batchCommitted;
    /** Set when a statement failed in this batch: the cached statements are dropped after it. */
    private boolean statementsSuspect;
    /**
     * The batch on the connection from its BEGIN until it has committed or rolled back. Still set after
     * that only if something unwound the thread running it in the middle (a stack overflow, any Error): the
     * next holder of the connection then rolls it back and fails its operations ({@link #recover}).
     */
    private volatile List<PendingWrite<?>> unfinished;
    private volatile long commits;
    private volatile long opsCommitted;

    BatchTransaction(Connection connection, String label, IntConsumer batchCommitted) {
        this.connection = connection;
        this.session = new WriteSession(connection);
        this.label = label;
        this.batchCommitted = batchCommitted;
        this.walCheckpoints = new WalCheckpointPacer(label);
    }

    /** Whether a batch was unwound in the middle and still needs {@link #recover}. */
    boolean hasUnfinished() {
        return unfinished != null;
    }

    /** Whether the WAL has frames that no checkpoint copied yet. */
    boolean walCheckpointOwed() {
        return walCheckpoints.owed();
    }

    long commits() {
        return commits;
    }

    long operationsCommitted() {
        return opsCommitted;
    }

    /** Closes the cached statements and the connection (the writer stops). */
    void close() {
        session.closeStatements();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing writer connection of {} failed", label, e);
        }
    }

    void run(List<PendingWrite<?>> batch, BooleanSupplier nothingQueued) {
        if (batch.isEmpty()) {
            return;
        }
        if (unfinished != null) {
            recover(null);
        }
        List<Object> results = new ArrayList<>(batch.size());
        List<Throwable> failures = new ArrayList<>(batch.size());
        CommitBatchEvent event = CommitBatchEvent.beginIfRecorded();
        int failed = 0;
        unfinished = batch;
        try {
            // explicit transactions: between batches the connection holds no lock at all
            session.prepare("BEGIN IMMEDIATE").execute();
            boolean single = batch.size() == 1;
            for (PendingWrite<?> p : batch) {
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
                    failed++;
                }
            }
            session.prepare("COMMIT").execute();
            unfinished = null;
            session.clearRollbackActions();
            commits++;
            opsCommitted += batch.size();
            walCheckpoints.committed();
            CommitBatchEvent.commit(event, label, batch.size(), failed, true);
            batchCommitted.accept(batch.size());
        } catch (SQLException e) {
            rollbackQuietly();
            CommitBatchEvent.commit(event, label, batch.size(), batch.size(), false);
            unfinished = null;
            session.takeAfterCommit();
            session.runRollbackActions();
            StorageException failure = StoreErrors.translate("commit to " + label, e);
            for (PendingWrite<?> p : batch) {
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
        if (walCheckpoints.worthTrying(nothingQueued.getAsBoolean())) {
            checkpointWalIfDue(false);
        }
    }

    /**
     * Undoes a batch that something unwound in the middle ({@link #unfinished}): rolls the transaction back,
     * runs its operations' rollback actions, drops the cached statements (their state is unknown) and fails
     * every operation of it that is not done yet with a {@link StorageException}. The writer is healthy
     * again afterwards. Called with the connection held, by whoever holds it next.
     *
     * @param cause what unwound the batch, or null when it is not known here
     */
    void recover(Throwable cause) {
        List<PendingWrite<?>> batch = unfinished;
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
        for (PendingWrite<?> p : batch) {
            if (!p.future().isDone()) {
                p.future().completeExceptionally(failure);
            }
        }
        LOG.warn("writer of {}: a batch of {} operation(s) was interrupted before it committed ({}); rolled back",
                label, batch.size(), cause == null ? "its thread failed" : cause.toString());
    }

    void fail(List<PendingWrite<?>> batch, Throwable t) {
        LOG.error("writer of {} failed on a batch of {} operation(s)", label, batch.size(), t);
        rollbackQuietly();
        session.takeAfterCommit();
        session.runRollbackActions();
        StorageException failure = new StorageException("write to " + label + " failed: " + t, t);
        for (PendingWrite<?> p : batch) {
            p.future().completeExceptionally(failure);
        }
    }

    void checkpointWalIfDue(boolean idle) {
        if (!walCheckpoints.checkpointIfDue(connection, idle)) {
            rollbackQuietly();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(PendingWrite<T> p, Object result, Throwable failure) {
        if (failure == null) {
            p.future().complete((T) result);
        } else if (failure instanceof SQLException sql) {
            p.future().completeExceptionally(StoreErrors.translate("write", sql));
        } else {
            p.future().completeExceptionally(failure);
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
}
