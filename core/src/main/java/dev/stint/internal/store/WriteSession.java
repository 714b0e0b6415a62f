package dev.stint.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer connection as seen by a {@link WriteOp}: cached prepared statements and hooks that run after
 * the shared transaction commits. Used only on the writer thread.
 */
public final class WriteSession {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> onRollback = new ArrayList<>();
    private final JobSequence sequence = new JobSequence();

    WriteSession(Connection connection) {
        this.connection = connection;
    }

    /** The JDBC connection (inside an open transaction). */
    public Connection connection() {
        return connection;
    }

    /** The seq of a new job (dispatch order; see {@link JobSequence}). */
    long nextSeq() throws SQLException {
        return sequence.next(connection);
    }

    /**
     * A prepared statement for {@code sql}, cached for the life of the writer. Its parameters keep the values of
     * its last use: every caller binds every parameter (a null through {@code setNull}). They are deliberately
     * not cleared: SQLite's {@code sqlite3_clear_bindings} expires a statement whose plan depends on a bound
     * value (the claim's, for one), so clearing made every use compile the statement again; for the claim that
     * was about 0.3 ms of each 0.4 ms it took, measured in docs/benchmarks.md.
     */
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /**
     * Runs {@code action} on the writer thread after the transaction commits (and not at all if it rolls
     * back). Used for in-memory effects that must follow the durable change.
     */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** Runs {@code action} on the writer thread if this operation (or its transaction) rolls back. */
    public void onRollback(Runnable action) {
        onRollback.add(action);
    }

    int markRollback() {
        return onRollback.size();
    }

    /** The operation whose marks these are rolled back: drop its after-commit actions, run its rollback ones. */
    void rolledBack(int afterCommitMark, int rollbackMark) {
        rollbackAfterCommitTo(afterCommitMark);
        List<Runnable> actions = new ArrayList<>(onRollback.subList(rollbackMark, onRollback.size()));
        while (onRollback.size() > rollbackMark) {
            onRollback.remove(onRollback.size() - 1);
        }
        actions.forEach(Runnable::run);
    }

    void runRollbackActions() {
        List<Runnable> actions = new ArrayList<>(onRollback);
        onRollback.clear();
        actions.forEach(Runnable::run);
    }

    void clearRollbackActions() {
        onRollback.clear();
    }

    List<Runnable> takeAfterCommit() {
        List<Runnable> actions = new ArrayList<>(afterCommit);
        afterCommit.clear();
        return actions;
    }

    int markAfterCommit() {
        return afterCommit.size();
    }

    void rollbackAfterCommitTo(int mark) {
        while (afterCommit.size() > mark) {
            afterCommit.remove(afterCommit.size() - 1);
        }
    }

    void closeStatements() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        statements.clear();
    }
}
