package dev.stint.internal.store;

import dev.stint.JobStatus;
import dev.stint.StopReason;
import static dev.stint.internal.store.SqlValues.jsonArray;
import static dev.stint.internal.store.SqlValues.setBytesOrNull;
import static dev.stint.internal.store.SqlValues.setLongOrNull;


import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The writes to active jobs ({@code jobs} and the tables that hang off it: {@code job_checkpoints},
 * {@code job_steps}) until they move to history: inserts, claims and unclaims, what a running job saves
 * (checkpoints, progress, errors, results, steps), stops and retries, status changes of waiting jobs, unique
 * keys, migrated states and the requeue at open. Every method runs on the writer thread inside a
 * {@link WriteSession}. Updates check their row counts: 0 rows means the job is not in the expected status,
 * and the caller decides what that means.
 */
public final class ActiveJobs {
    // statements that name a status or stop reason, resolved once (see StoredText)
    private static final String UNCLAIM = StoredText.sql("""
                    UPDATE job_rows SET status = {QUEUED}, run_count = run_count - 1,
                           started_at = CASE WHEN run_count = 1 THEN NULL ELSE started_at END, updated_at = ?
                    WHERE id IN (SELECT value FROM json_each(?)) AND status = {RUNNING} AND finished_at IS NULL""");

    private static final String SAVE_CHECKPOINT = StoredText.sql("""
                    INSERT INTO job_checkpoints (job_id, state, written_at, count)
                    SELECT id, ?, ?, 1 FROM jobs WHERE id = ? AND status = {RUNNING}
                    ON CONFLICT (job_id) DO UPDATE SET state = excluded.state, written_at = excluded.written_at,
                                                        count = count + 1""");

    private static final String SAVE_PROGRESS = StoredText.sql(
            "UPDATE job_rows SET progress = ? WHERE id = ? AND status = {RUNNING} AND finished_at IS NULL");

    private static final String SAVE_RESULTS = StoredText.sql(
            "UPDATE job_rows SET results = ?, updated_at = ? WHERE id = ? AND status = {RUNNING} AND finished_at IS NULL");

    private static final String COMPLETE_STEP = StoredText.sql(
            "UPDATE job_rows SET updated_at = ? WHERE id = ? AND status = {RUNNING} AND finished_at IS NULL");

    private static final String STOP_RUNNING = StoredText.sql("""
                    UPDATE job_rows SET status = ?, stop_reason = ?, progress = COALESCE(?, progress),
                           errors = COALESCE(?, errors), updated_at = ?, run_ms = run_ms + ?
                    WHERE id = ? AND status = {RUNNING} AND finished_at IS NULL""");

    private static final String RETRY = StoredText.sql("""
                    UPDATE job_rows SET status = {QUEUED}, stop_reason = {RETRY}, attempts = attempts + 1, run_at = ?,
                           attempt_errors = ?, progress = COALESCE(?, progress), errors = COALESCE(?, errors),
                           run_ms = run_ms + ?, updated_at = ?
                    WHERE id = ? AND status = {RUNNING} AND finished_at IS NULL""");

    private static final String REQUEUE_INTERRUPTED = StoredText.sql("""
                    UPDATE job_rows SET status = {QUEUED}, stop_reason = {CRASH}, updated_at = ?
                    WHERE status = {RUNNING} AND finished_at IS NULL RETURNING id""");

    private ActiveJobs() {
    }

    // ---- inserts ------------------------------------------------------------------------------------

    private static final String INSERT_HEAD = """
            INSERT INTO job_rows (seq, id, name, version, status, state, created_at, updated_at, queue, priority, run_at,
                              max_attempts, backoff_ms, timeout_ms, unique_key, after_id, parent_id, initiator,
                              retry_of, rules, ruled, tags, weight)
            VALUES\s""";
    private static final String INSERT_ROW = StoredText.sql(
            "(?, ?, ?, ?, {QUEUED}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    private static final int INSERT_COLUMNS = 22;
    /** Rows per multi-row INSERT: fewer statement steps per job in a bulk dispatch. */
    private static final int INSERT_CHUNK = 32;
    private static final String INSERT_ONE = INSERT_HEAD + INSERT_ROW;
    private static final String INSERT_MANY = INSERT_HEAD + String.join(", ", Collections.nCopies(INSERT_CHUNK, INSERT_ROW));

    /** Inserts new queued jobs: chunks of {@value #INSERT_CHUNK} rows per statement, the rest one by one. */
    public static void insert(WriteSession s, Collection<NewJob> jobs) throws SQLException {
        List<NewJob> all = jobs instanceof List<NewJob> list ? list : new ArrayList<>(jobs);
        long[] seqs = new long[all.size()];
        insertRows(s, all, seqs);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).hasSideRows()) {
                RuledJobs.insertSideRows(s, seqs[i], all.get(i));
            }
        }
    }

    /** Inserts the rows; {@code seqs[i]} receives the seq given to {@code all.get(i)}. */
    private static void insertRows(WriteSession s, List<NewJob> all, long[] seqs) throws SQLException {
        int n = 0;
        if (all.size() >= INSERT_CHUNK) {
            PreparedStatement chunk = s.prepare(INSERT_MANY);
            for (; n + INSERT_CHUNK <= all.size(); n += INSERT_CHUNK) {
                for (int r = 0; r < INSERT_CHUNK; r++) {
                    bindNew(chunk, r * INSERT_COLUMNS, seqs[n + r] = s.nextSeq(), all.get(n + r));
                }
                chunk.executeUpdate();
            }
        }
        if (n == all.size()) {
            return;
        }
        PreparedStatement one = s.prepare(INSERT_ONE);
        if (all.size() - n == 1) {
            bindNew(one, 0, seqs[n] = s.nextSeq(), all.get(n));
            one.executeUpdate();
            return;
        }
        for (; n < all.size(); n++) {
            bindNew(one, 0, seqs[n] = s.nextSeq(), all.get(n));
            one.addBatch();
        }
        one.executeBatch();
    }

    private static void bindNew(PreparedStatement ps, int at0, long seq, NewJob job) throws SQLException {
        ps.setLong(at0 + 1, seq);
        int at = at0 + 1;
        ps.setString(at + 1, job.id());
        ps.setString(at + 2, job.name());
        ps.setInt(at + 3, job.version());
        ps.setBytes(at + 4, job.state());
        ps.setLong(at + 5, job.createdAt());
        ps.setLong(at + 6, job.createdAt());
        ps.setString(at + 7, job.queue());
        ps.setInt(at + 8, job.priority());
        setLongOrNull(ps, at + 9, job.runAt());
        ps.setInt(at + 10, job.maxAttempts());
        ps.setLong(at + 11, job.backoffMs());
        setLongOrNull(ps, at + 12, job.timeoutMs());
        ps.setString(at + 13, job.uniqueKey());
        ps.setString(at + 14, job.afterId());
        ps.setString(at + 15, job.parentId());
        ps.setString(at + 16, job.initiator());
        ps.setString(at + 17, job.retryOf());
        ps.setString(at + 18, job.rules() == null ? null : job.rules().toJson());
        ps.setInt(at + 19, job.rules() == null ? 0 : 1);
        ps.setString(at + 20, job.tags().isEmpty() ? null : jsonArray(job.tags()));
        if (job.weight() == null) {
            ps.setNull(at + 21, java.sql.Types.REAL);
        } else {
            ps.setDouble(at + 21, job.weight());
        }
    }

    /**
     * Inserts the jobs whose ids are in neither the active table nor history; returns the ids inserted.
     */
    public static List<String> insertMissing(WriteSession s, List<NewJob> jobs) throws SQLException {
        PreparedStatement exists = s.prepare("SELECT 1 FROM job_rows WHERE id = ?");
        List<NewJob> missing = new ArrayList<>();
        for (NewJob job : jobs) {
            exists.setString(1, job.id());
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    missing.add(job);
                }
            }
        }
        if (!missing.isEmpty()) {
            insert(s, missing);
        }
        return missing.stream().map(NewJob::id).toList();
    }

    // ---- claims -------------------------------------------------------------------------------------

    /**
     * Marks runnable jobs of a queue running; the claimed rows come back from the UPDATE itself, through the
     * same columns as every other read of an active job (no second statement to load them).
     */
    private static final String CLAIM = StoredText.sql("""
            UPDATE job_rows SET status = {RUNNING}, run_count = run_count + 1,
                   started_at = COALESCE(started_at, ?), updated_at = ?
            WHERE seq IN (
                SELECT j.seq FROM jobs j
                WHERE j.queue = ? AND j.status = {QUEUED} AND j.ruled = 0 AND (j.run_at IS NULL OR j.run_at <= ?)
                  AND (j.after_id IS NULL OR NOT EXISTS (SELECT 1 FROM jobs a WHERE a.id = j.after_id))
                  AND NOT EXISTS (SELECT 1 FROM jobs c WHERE c.parent_id = j.id)
                  AND %s
                ORDER BY j.priority, j.seq LIMIT ?)
            RETURNING\s""").formatted(RowCheck.soundActive("j")) + JobColumns.claimedSelect("job_rows");

    /**
     * Marks up to {@code limit} runnable jobs of a queue running (due, not waiting for a predecessor, not
     * damaged (see {@link RowCheck}); by priority, then dispatch order) and returns them with their latest checkpoints.
     */
    public static List<JobRow> claim(WriteSession s, String queue, int limit, long now) throws SQLException {
        PreparedStatement claim = s.prepare(CLAIM);
        claim.setLong(1, now);
        claim.setLong(2, now);
        claim.setString(3, queue);
        claim.setLong(4, now);
        claim.setInt(5, limit);
        List<JobRow> rows = new ArrayList<>();
        try (ResultSet rs = claim.executeQuery()) {
            while (rs.next()) {
                rows.add(JobColumns.row(rs));
            }
        }
        // RETURNING gives no order: start them in claim order
        rows.sort(Comparator.comparingInt(JobRow::priority).thenComparingLong(JobRow::seq));
        return rows;
    }

    /**
     * Hands claimed jobs whose runs never started back to their queue: queued again, their run count and
     * first start as before the claim.
     */
    public static void unclaim(WriteSession s, List<String> ids, long now) throws SQLException {
        PreparedStatement ps = s.prepare(UNCLAIM);
        ps.setLong(1, now);
        ps.setString(2, jsonArray(ids));
        ps.executeUpdate();
    }

    // ---- what a running job saves -------------------------------------------------------------------

    /**
     * Stores the latest checkpoint of a running job.
     *
     * @return false if the job is no longer running (nothing written)
     */
    public static boolean saveCheckpoint(WriteSession s, String id, byte[] state, long now) throws SQLException {
        PreparedStatement ps = s.prepare(SAVE_CHECKPOINT);
        ps.setBytes(1, state);
        ps.setLong(2, now);
        ps.setString(3, id);
        return ps.executeUpdate() == 1;
    }

    /** Stores a running job's progress snapshot. */
    public static void saveProgress(WriteSession s, String id, byte[] progress) throws SQLException {
        PreparedStatement ps = s.prepare(SAVE_PROGRESS);
        ps.setBytes(1, progress);
        ps.setString(2, id);
        ps.executeUpdate();
    }

    /** Stores a job's non-critical errors. */
    public static void saveErrors(WriteSession s, String id, byte[] errors) throws SQLException {
        PreparedStatement ps = s.prepare("UPDATE job_rows SET errors = ? WHERE id = ? AND finished_at IS NULL");
        ps.setBytes(1, errors);
        ps.setString(2, id);
        ps.executeUpdate();
    }

    /**
     * Stores a running job's intermediate results.
     *
     * @return false if the job is no longer running
     */
    public static boolean saveResults(WriteSession s, String id, byte[] results, long now) throws SQLException {
        PreparedStatement ps = s.prepare(SAVE_RESULTS);
        ps.setBytes(1, results);
        ps.setLong(2, now);
        ps.setString(3, id);
        return ps.executeUpdate() == 1;
    }

    /**
     * Commits a step: its completion mark and result, and the job's state as its latest checkpoint, in one
     * transaction (the caller's operation).
     *
     * @return false if the job is no longer running (nothing written)
     */
    public static boolean completeStep(WriteSession s, String id, String name, int seq, byte[] result, byte[] state,
            long now) throws SQLException {
        PreparedStatement touch = s.prepare(COMPLETE_STEP);
        touch.setLong(1, now);
        touch.setString(2, id);
        if (touch.executeUpdate() != 1) {
            return false;
        }
        PreparedStatement step = s.prepare("""
                INSERT INTO job_steps (job_id, name, seq, result, completed_at) VALUES (?, ?, ?, ?, ?)""");
        step.setString(1, id);
        step.setString(2, name);
        step.setInt(3, seq);
        setBytesOrNull(step, 4, result);
        step.setLong(5, now);
        step.executeUpdate();
        saveCheckpoint(s, id, state, now); // running: the touch above just said so
        return true;
    }

    // ---- stops and retries --------------------------------------------------------------------------

    /**
     * Moves a running job back to {@code queued} or {@code paused}, storing its state as the latest
     * checkpoint when {@code state} is not null.
     *
     * @return false if the job was not running
     */
    public static boolean stopRunning(WriteSession s, String id, JobStatus newStatus, StopReason stopReason,
            byte[] state, byte[] progress, byte[] errors, long now) throws SQLException {
        return stopRunning(s, id, newStatus, stopReason, state, progress, errors, 0, now);
    }

    /**
     * As {@link #stopRunning(WriteSession, String, JobStatus, StopReason, byte[], byte[], byte[], long)}, adding
     * run time.
     */
    public static boolean stopRunning(WriteSession s, String id, JobStatus newStatus, StopReason stopReason,
            byte[] state, byte[] progress, byte[] errors, long runMs, long now) throws SQLException {
        // the checkpoint first, while the job is still running: if it is not, neither statement writes anything
        if (state != null) {
            saveCheckpoint(s, id, state, now);
        }
        PreparedStatement ps = s.prepare(STOP_RUNNING);
        ps.setString(1, newStatus.wireName());
        ps.setString(2, stopReason.wireName());
        setBytesOrNull(ps, 3, progress);
        setBytesOrNull(ps, 4, errors);
        ps.setLong(5, now);
        ps.setLong(6, runMs);
        ps.setString(7, id);
        return ps.executeUpdate() == 1;
    }

    /**
     * Puts a failed running job back in the queue for another attempt at {@code runAt}.
     *
     * @return false if the job was not running
     */
    public static boolean retry(WriteSession s, String id, long runAt, byte[] attemptErrors, byte[] progress,
            byte[] errors, long runMs, long now) throws SQLException {
        PreparedStatement ps = s.prepare(RETRY);
        ps.setLong(1, runAt);
        ps.setBytes(2, attemptErrors);
        setBytesOrNull(ps, 3, progress);
        setBytesOrNull(ps, 4, errors);
        ps.setLong(5, runMs);
        ps.setLong(6, now);
        ps.setString(7, id);
        return ps.executeUpdate() == 1;
    }

    /** Restart rule: every job left running by a crashed process becomes queued; returns their ids. */
    public static List<String> requeueInterrupted(WriteSession s, long now) throws SQLException {
        PreparedStatement ps = s.prepare(REQUEUE_INTERRUPTED);
        ps.setLong(1, now);
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    // ---- waiting jobs, unique keys, migrations ------------------------------------------------------

    /**
     * Changes a job's status from {@code from} to {@code to} (queued/paused only).
     *
     * @return false if the job was not in {@code from}
     */
    public static boolean changeWaitingStatus(WriteSession s, String id, JobStatus from, JobStatus to,
            StopReason stopReason, long now) throws SQLException {
        PreparedStatement ps = s.prepare("""
                UPDATE job_rows SET status = ?, stop_reason = COALESCE(?, stop_reason), updated_at = ?
                WHERE id = ? AND status = ? AND finished_at IS NULL""");
        ps.setString(1, to.wireName());
        ps.setString(2, stopReason == null ? null : stopReason.wireName());
        ps.setLong(3, now);
        ps.setString(4, id);
        ps.setString(5, from.wireName());
        return ps.executeUpdate() == 1;
    }

    private static final String WITH_UNIQUE_KEY = "SELECT " + JobColumns.activeSelect("j")
            + " FROM jobs j WHERE j.unique_key = ? ORDER BY j.seq";

    /** Active jobs holding a unique key, oldest first. */
    public static List<JobRow> activeWithUniqueKey(WriteSession s, String key) throws SQLException {
        PreparedStatement ps = s.prepare(WITH_UNIQUE_KEY);
        ps.setString(1, key);
        List<JobRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(JobColumns.row(rs));
            }
        }
        return rows;
    }

    /** Removes a running job's unique key (it is being replaced and will be cancelled). */
    public static void dropUniqueKey(WriteSession s, String id) throws SQLException {
        PreparedStatement ps = s.prepare("UPDATE job_rows SET unique_key = NULL WHERE id = ? AND finished_at IS NULL");
        ps.setString(1, id);
        ps.executeUpdate();
    }

    /** Rewrites a job migrated to a new state version: its version, initial state and (if any) checkpoint. */
    public static void storeMigrated(WriteSession s, String id, int version, byte[] state, byte[] checkpoint, long now)
            throws SQLException {
        PreparedStatement ps = s.prepare("UPDATE job_rows SET version = ?, state = ?, updated_at = ? WHERE id = ? AND finished_at IS NULL");
        ps.setInt(1, version);
        ps.setBytes(2, state);
        ps.setLong(3, now);
        ps.setString(4, id);
        ps.executeUpdate();
        if (checkpoint != null) {
            PreparedStatement cp = s.prepare("UPDATE job_checkpoints SET state = ? WHERE job_id = ?");
            cp.setBytes(1, checkpoint);
            cp.setString(2, id);
            cp.executeUpdate();
        }
    }
}
