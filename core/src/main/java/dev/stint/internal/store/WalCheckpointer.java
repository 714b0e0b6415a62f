package dev.stint.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the WAL back into {@code jobs.db} on its own thread and connection while the writer goes on
 * committing: a {@code PASSIVE} checkpoint takes no write lock, so under load the writer no longer stops for
 * it (with {@code synchronous=FULL} a checkpoint also waits for an fsync of the database file). It runs only
 * when asked ({@link #request}); a request made while one runs is served once it ends.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    /** What a checkpoint found: the frames the WAL held, or -1 if it could not run. */
    interface Outcome {
        void checkpointed(long commitsInInterval, long frames);
    }

    private final Connection connection;
    private final String label;
    private final Outcome outcome;
    private final Semaphore requests = new Semaphore(0);
    private final Thread thread;
    private volatile long pendingCommits;
    private volatile boolean stopped;

    WalCheckpointer(Connection connection, String label, Outcome outcome) {
        this.connection = connection;
        this.label = label;
        this.outcome = outcome;
        this.thread = Thread.ofPlatform().daemon(true).name("stint-checkpointer-" + label).start(this::loop);
    }

    /** Asks for a checkpoint of the {@code commits} made since the last one. Never blocks. */
    void request(long commits) {
        pendingCommits = commits;
        requests.release();
    }

    private void loop() {
        while (!stopped) {
            try {
                requests.acquire();
                requests.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            if (stopped) {
                return;
            }
            long commits = pendingCommits;
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                // (busy, frames in the WAL, frames checkpointed)
                outcome.checkpointed(commits, rs.next() ? rs.getLong(2) : -1);
            } catch (SQLException e) {
                LOG.debug("WAL checkpoint of {} skipped: {}", label, e.getMessage());
                outcome.checkpointed(commits, -1);
            }
        }
    }

    /** Stops the thread (after a checkpoint in progress ends) and closes its connection. */
    @Override
    public void close() {
        stopped = true;
        requests.release();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the checkpoint connection of {}: {}", label, e.getMessage());
        }
    }
}
