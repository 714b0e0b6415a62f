package dev.stint.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the WAL back into {@code jobs.db} on a connection and a thread of its own, so that no commit of the
 * writer waits for a checkpoint: the writer only {@link #request asks} for one (see {@link WalCheckpointPacer}
 * for when), and goes on committing while it runs ({@code PASSIVE}: it copies what no reader still needs and
 * never blocks the writer). The thread sleeps until asked: an idle library costs nothing here.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    private final Connection connection;
    private final String label;
    private final Semaphore asked = new Semaphore(0);
    private final Thread thread;
    private volatile boolean stopping;
    /** Commits between checkpoints that would write about {@link WalCheckpointPacer#TARGET_WAL_FRAMES} frames. */
    private volatile long commitsPerCheckpoint = WalCheckpointPacer.INITIAL_COMMITS_PER_CHECKPOINT;
    private volatile long commitsInLastInterval;
    private volatile long checkpoints;

    /** Starts the checkpoint thread on {@code connection}, which it then owns and closes. */
    WalCheckpointer(Connection connection, String label) {
        this.connection = connection;
        this.label = label;
        this.thread = Thread.ofPlatform().daemon(true).name("stint-wal-" + label).unstarted(this::loop);
        this.thread.start();
    }

    /** Asks for a checkpoint of the {@code commits} made since the last one; returns at once. */
    void request(long commits) {
        commitsInLastInterval = commits;
        if (asked.availablePermits() == 0) {
            asked.release();
        }
    }

    /** The interval the last checkpoint's size suggests (see {@link WalCheckpointPacer}). */
    long commitsPerCheckpoint() {
        return commitsPerCheckpoint;
    }

    /** Checkpoints run so far. */
    long checkpoints() {
        return checkpoints;
    }

    private void loop() {
        while (true) {
            asked.acquireUninterruptibly();
            asked.drainPermits();
            if (stopping) {
                return;
            }
            checkpoint();
        }
    }

    private void checkpoint() {
        long commits = commitsInLastInterval;
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            // (busy, frames in the WAL, frames checkpointed): aim the next checkpoint at TARGET_WAL_FRAMES
            long frames = rs.next() ? rs.getLong(2) : -1;
            if (frames > 0 && commits > 0) {
                commitsPerCheckpoint = WalCheckpointPacer.interval(commits, frames);
            }
            checkpoints++;
        } catch (SQLException | RuntimeException e) {
            LOG.debug("WAL checkpoint of {} skipped: {}", label, e.getMessage());
        }
    }

    /** Stops the thread (after the checkpoint it may be running) and closes its connection. */
    @Override
    public void close() {
        stopping = true;
        asked.release();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the WAL checkpoint connection of {}: {}", label, e.getMessage());
        }
    }
}
