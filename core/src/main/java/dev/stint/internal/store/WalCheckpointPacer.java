package dev.stint.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the WAL is checkpointed ({@code wal_autocheckpoint} is off, so no caller's commit ever pays for one):
 * when the writer is idle, or under load after about {@value #TARGET_WAL_FRAMES} WAL frames. It counts commits,
 * not frames, so after each checkpoint it sets the number of commits to wait from the frames the last
 * interval wrote. The checkpoint runs on the writer's connection, between batches: a checkpoint beside the
 * writer, on a connection of its own, never catches up under sustained load, so the WAL could never restart
 * ({@code docs/architecture.md}). Used only by the thread that holds the writer's connection.
 */
final class WalCheckpointPacer {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointPacer.class);
    /** WAL frames (pages) between checkpoints: SQLite's own auto-checkpoint default, about 4 MiB of WAL. */
    static final long TARGET_WAL_FRAMES = 1000;
    private static final long MIN_COMMITS_PER_CHECKPOINT = 16;
    private static final long MAX_COMMITS_PER_CHECKPOINT = 4096;
    /** Under sustained load the queue is never empty: checkpoint anyway, at this multiple of the interval. */
    private static final int UNDER_LOAD_FACTOR = 4;

    private final String label;
    private long commitsSinceCheckpoint;
    private long commitsPerCheckpoint = 256;

    WalCheckpointPacer(String label) {
        this.label = label;
    }

    /** A commit added frames to the WAL. */
    void committed() {
        commitsSinceCheckpoint++;
    }

    /** Whether the WAL has frames no checkpoint has copied yet. */
    boolean owed() {
        return commitsSinceCheckpoint > 0;
    }

    /** After a batch: whether to try a checkpoint now ({@code idle}: nothing else is queued). */
    boolean worthTrying(boolean idle) {
        return idle || commitsSinceCheckpoint >= UNDER_LOAD_FACTOR * commitsPerCheckpoint;
    }

    /**
     * Checkpoints (PASSIVE) if one is due: any owed one when {@code idle}, otherwise once the interval has passed.
     *
     * @return false if the checkpoint failed (the caller rolls back whatever it left open)
     */
    boolean checkpointIfDue(Connection connection, boolean idle) {
        if (commitsSinceCheckpoint == 0 || (!idle && commitsSinceCheckpoint < commitsPerCheckpoint)) {
            return true;
        }
        long commitsInInterval = commitsSinceCheckpoint;
        commitsSinceCheckpoint = 0;
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            // (busy, frames in the WAL, frames checkpointed): aim the next checkpoint at TARGET_WAL_FRAMES
            long frames = rs.next() ? rs.getLong(2) : -1;
            if (frames > 0 && !idle) {
                commitsPerCheckpoint = interval(commitsInInterval, frames);
            }
            return true;
        } catch (SQLException e) {
            LOG.debug("WAL checkpoint of {} skipped: {}", label, e.getMessage());
            return false;
        }
    }

    /** The commits between checkpoints that write about {@link #TARGET_WAL_FRAMES} frames, after an interval of {@code commits} wrote {@code frames}. */
    static long interval(long commits, long frames) {
        return Math.clamp(TARGET_WAL_FRAMES * commits / frames, MIN_COMMITS_PER_CHECKPOINT, MAX_COMMITS_PER_CHECKPOINT);
    }
}
