package dev.stint.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every SQL statement Stint runs against {@code jobs.db}. Write methods run on the writer thread inside a
 * {@link WriteSession}; query methods take the reader connection. Updates check their row counts: 0 rows
 * means the job is not in the expected status, and the caller decides what that means.
 */
public final class JobStore {
    private JobStore() {
    }

    /** A job to insert, with its scheduling settings resolved. */
    public record NewJob(String id, String name, int version, byte[] state, long createdAt, String queue,
            int priority, Long runAt, int maxAttempts, long backoffMs, Long timeoutMs, String uniqueKey,
            String afterId, String parentId, String initiator) {

        /** A plain job: default queue, no delay, one attempt. */
        public NewJob(String id, String name, int version, byte[] state, long createdAt) {
            this(id, name, version, state, createdAt, "default", 0, null, 1, 1000, null, null, null, null, null);
        }

        /** The same job chained after {@code afterId}. */
        public NewJob after(String afterId) {
            return new NewJob(id, name, version, state, createdAt, queue, priority, runAt, maxAttempts, backoffMs,
                    timeoutMs, uniqueKey, afterId, parentId, initiator);
        }
    }

    private static final String ACTIVE_COLUMNS = activeColumns("j");
    private static final String ACTIVE_FROM = " FROM jobs j";
    /**
     * Marks runnable jobs of a queue running; the claimed rows come back from the UPDATE itself, through the
     * same columns as every other read of an active job (no second statement to load them).
     */
    private static final String CLAIM = """
            UPDATE jobs SET status = 'running', run_count = run_count + 1,
                   started_at = COALESCE(started_at, ?), updated_at = ?
            WHERE seq IN (
                SELECT j.seq FROM jobs j
                WHERE j.queue = ? AND j.status = 'queued' AND (j.run_at IS NULL OR j.run_at <= ?)
                  AND (j.after_id IS NULL OR NOT EXISTS (SELECT 1 FROM jobs a WHERE a.id = j.after_id))
                  AND NOT EXISTS (SELECT 1 FROM jobs c WHERE c.parent_id = j.id)
                ORDER BY j.priority, j.seq LIMIT ?)
            RETURNING\s""" + activeColumns("jobs");
    private static final String HISTORY_COLUMNS = """
            h.seq, h.id, h.name, h.version, h.status, NULL, NULL, h.checkpoints, h.progress, h.errors,
            h.output, h.error, h.run_count, NULL, h.created_at, h.started_at, h.finished_at, h.finished_at,
            h.queue, h.priority, h.run_at, h.attempts, h.max_attempts, 0, h.timeout_ms, h.unique_key,
            NULL, h.parent_id, h.initiator, h.attempt_errors, h.run_ms, h.results, h.steps""";
    private static final String HISTORY_FROM = " FROM job_history h";

    /**
     * The columns {@link #row} reads from an active job, {@code t} naming its row: an alias in a query, or
     * {@code jobs} in the claim's {@code RETURNING} clause (which can read other tables only in subqueries).
     */
    private static String activeColumns(String t) {
        return """
                %1$s.seq, %1$s.id, %1$s.name, %1$s.version, %1$s.status, %1$s.state,
                (SELECT c.state FROM job_checkpoints c WHERE c.job_id = %1$s.id),
                COALESCE((SELECT c.count FROM job_checkpoints c WHERE c.job_id = %1$s.id), 0), %1$s.progress, %1$s.errors,
                NULL, NULL, %1$s.run_count, %1$s.stop_reason, %1$s.created_at, %1$s.started_at, NULL, %1$s.updated_at,
                %1$s.queue, %1$s.priority, %1$s.run_at, %1$s.attempts, %1$s.max_attempts, %1$s.backoff_ms,
                %1$s.timeout_ms, %1$s.unique_key, %1$s.after_id, %1$s.parent_id, %1$s.initiator, %1$s.attempt_errors,
                %1$s.run_ms, %1$s.results, (SELECT count(*) FROM job_steps st WHERE st.job_id = %1$s.id)""".formatted(t);
    }

    // ---- writes -------------------------------------------------------------------------------------

    private static final String INSERT_HEAD = """
            INSERT INTO jobs (id, name, version, status, state, created_at, updated_at, queue, priority, run_at,
                              max_attempts, backoff_ms, timeout_ms, unique_key, after_id, parent_id, initiator)
            VALUES """;
    private static final String INSERT_ROW = "(?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int INSERT_COLUMNS = 16;
    /** Rows per multi-row INSERT: fewer statement steps per job in a bulk dispatch. */
    private static final int INSERT_CHUNK = 32;
    private static final String INSERT_ONE = INSERT_HEAD + INSERT_ROW;
    private static final String INSERT_MANY = INSERT_HEAD
            + String.join(", ", java.util.Collections.nCopies(INSERT_CHUNK, INSERT_ROW));

    /** Inserts new queued jobs: chunks of {@value #INSERT_CHUNK} rows per statement, the rest one by one. */
    public static void insert(WriteSession s, Collection<NewJob> jobs) throws SQLException {
        List<NewJob> all = jobs instanceof List<NewJob> list ? list : new ArrayList<>(jobs);
        int n = 0;
        if (all.size() >= INSERT_CHUNK) {
            PreparedStatement chunk = s.prepare(INSERT_MANY);
            for (; n + INSERT_CHUNK <= all.size(); n += INSERT_CHUNK) {
                for (int r = 0; r < INSERT_CHUNK; r++) {
                    bindNew(chunk, r * INSERT_COLUMNS, all.get(n + r));
                }
                chunk.executeUpdate();
            }
        }
        if (n == all.size()) {
            return;
        }
        PreparedStatement one = s.prepare(INSERT_ONE);
        if (all.size() - n == 1) {
            bindNew(one, 0, all.get(n));
            one.executeUpdate();
            return;
        }
        for (; n < all.size(); n++) {
            bindNew(one, 0, all.get(n));
            one.addBatch();
        }
        one.executeBatch();
    }

    private static void bindNew(PreparedStatement ps, int at, NewJob job) throws SQLException {
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
    }

    /**
     * Inserts the jobs whose ids are in neither the active table nor history; returns the ids inserted.
     */
    public static List<String> insertMissing(WriteSession s, List<NewJob> jobs) throws SQLException {
        PreparedStatement exists = s.prepare("SELECT 1 FROM jobs WHERE id = ?1 UNION ALL SELECT 1 FROM job_history WHERE id = ?1");
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

    /**
     * Marks up to {@code limit} runnable jobs of a queue running (due, not waiting for a predecessor; by
     * priority, then dispatch order) and returns them with their latest checkpoints.
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
                rows.add(row(rs));
            }
        }
        // RETURNING gives no order: start them in claim order
        rows.sort(java.util.Comparator.comparingInt(JobRow::priority).thenComparingLong(JobRow::seq));
        return rows;
    }

    /**
     * Hands claimed jobs whose runs never started back to their queue: queued again, their run count and
     * first start as before the claim.
     */
    public static void unclaim(WriteSession s, List<String> ids, long now) throws SQLException {
        PreparedStatement ps = s.prepare("""
                UPDATE jobs SET status = 'queued', run_count = run_count - 1,
                       started_at = CASE WHEN run_count = 1 THEN NULL ELSE started_at END, updated_at = ?
                WHERE id IN (SELECT value FROM json_each(?)) AND status = 'running'""");
        ps.setLong(1, now);
        ps.setString(2, jsonArray(ids));
        ps.executeUpdate();
    }

    /**
     * Stores the latest checkpoint of a running job.
     *
     * @return false if the job is no longer running (nothing written)
     */
    public static boolean saveCheckpoint(WriteSession s, String id, byte[] state, long now) throws SQLException {
        PreparedStatement ps = s.prepare("""
                INSERT INTO job_checkpoints (job_id, state, written_at, count)
                SELECT id, ?, ?, 1 FROM jobs WHERE id = ? AND status = 'running'
                ON CONFLICT (job_id) DO UPDATE SET state = excluded.state, written_at = excluded.written_at,
                                                    count = count + 1""");
        ps.setBytes(1, state);
        ps.setLong(2, now);
        ps.setString(3, id);
        return ps.executeUpdate() == 1;
    }

    /** Stores a running job's progress snapshot. */
    public static void saveProgress(WriteSession s, String id, byte[] progress) throws SQLException {
        PreparedStatement ps = s.prepare("UPDATE jobs SET progress = ? WHERE id = ? AND status = 'running'");
        ps.setBytes(1, progress);
        ps.setString(2, id);
        ps.executeUpdate();
    }

    /** Stores a job's non-critical errors. */
    public static void saveErrors(WriteSession s, String id, byte[] errors) throws SQLException {
        PreparedStatement ps = s.prepare("UPDATE jobs SET errors = ? WHERE id = ?");
        ps.setBytes(1, errors);
        ps.setString(2, id);
        ps.executeUpdate();
    }

    /**
     * Moves a running job back to {@code queued} or {@code paused}, storing its state as the latest
     * checkpoint when {@code state} is not null.
     *
     * @return false if the job was not running
     */
    public static boolean stopRunning(WriteSession s, String id, String newStatus, String stopReason, byte[] state,
            byte[] progress, byte[] errors, long now) throws SQLException {
        return stopRunning(s, id, newStatus, stopReason, state, progress, errors, 0, now);
    }

    /** As {@link #stopRunning(WriteSession, String, String, String, byte[], byte[], byte[], long)}, adding run time. */
    public static boolean stopRunning(WriteSession s, String id, String newStatus, String stopReason, byte[] state,
            byte[] progress, byte[] errors, long runMs, long now) throws SQLException {
        PreparedStatement ps = s.prepare("""
                UPDATE jobs SET status = ?, stop_reason = ?, progress = COALESCE(?, progress),
                       errors = COALESCE(?, errors), updated_at = ?, run_ms = run_ms + ?
                WHERE id = ? AND status = 'running'""");
        ps.setString(1, newStatus);
        ps.setString(2, stopReason);
        setBytesOrNull(ps, 3, progress);
        setBytesOrNull(ps, 4, errors);
        ps.setLong(5, now);
        ps.setLong(6, runMs);
        ps.setString(7, id);
        if (ps.executeUpdate() != 1) {
            return false;
        }
        if (state != null) {
            saveCheckpointUnguarded(s, id, state, now);
        }
        return true;
    }

    private static void saveCheckpointUnguarded(WriteSession s, String id, byte[] state, long now)
            throws SQLException {
        PreparedStatement ps = s.prepare("""
                INSERT INTO job_checkpoints (job_id, state, written_at, count) VALUES (?, ?, ?, 1)
                ON CONFLICT (job_id) DO UPDATE SET state = excluded.state, written_at = excluded.written_at,
                                                    count = count + 1""");
        ps.setString(1, id);
        ps.setBytes(2, state);
        ps.setLong(3, now);
        ps.executeUpdate();
    }

    /**
     * Moves an active job in one of {@code fromStatuses} to history with a terminal status.
     *
     * @return false if the job was not in one of those statuses (nothing written)
     */
    public static boolean finish(WriteSession s, String id, List<String> fromStatuses, String terminalStatus,
            byte[] output, byte[] error, byte[] progress, byte[] errors, long now) throws SQLException {
        return finish(s, id, fromStatuses, terminalStatus, output, error, progress, errors, null, 0, now);
    }

    /**
     * Moves an active job to history, also recording its attempt errors and the run time of the run that
     * just ended ({@code runMs}). The attempts count is the failed attempts so far plus the last one.
     *
     * @return false if the job was not in one of {@code fromStatuses}
     */
    public static boolean finish(WriteSession s, String id, List<String> fromStatuses, String terminalStatus,
            byte[] output, byte[] error, byte[] progress, byte[] errors, byte[] attemptErrors, long runMs, long now)
            throws SQLException {
        String in = String.join(", ", fromStatuses.stream().map(st -> "'" + st + "'").toList());
        PreparedStatement copy = s.prepare("""
                INSERT INTO job_history (seq, id, name, version, status, output, error, errors, progress,
                                         run_count, checkpoints, created_at, started_at, finished_at,
                                         queue, priority, run_at, attempts, max_attempts, timeout_ms, unique_key,
                                         parent_id, initiator, attempt_errors, run_ms, results, steps)
                SELECT j.seq, j.id, j.name, j.version, ?, ?, ?, COALESCE(?, j.errors), COALESCE(?, j.progress),
                       j.run_count, COALESCE(c.count, 0), j.created_at, j.started_at, ?,
                       j.queue, j.priority, j.run_at, j.attempts + (CASE WHEN j.run_count > 0 THEN 1 ELSE 0 END),
                       j.max_attempts, j.timeout_ms, j.unique_key, j.parent_id, j.initiator,
                       COALESCE(?, j.attempt_errors), j.run_ms + ?, j.results,
                       (SELECT count(*) FROM job_steps st WHERE st.job_id = j.id)
                FROM jobs j LEFT JOIN job_checkpoints c ON c.job_id = j.id
                WHERE j.id = ? AND j.status IN (""" + in + ")");
        copy.setString(1, terminalStatus);
        setBytesOrNull(copy, 2, output);
        setBytesOrNull(copy, 3, error);
        setBytesOrNull(copy, 4, errors);
        setBytesOrNull(copy, 5, progress);
        copy.setLong(6, now);
        setBytesOrNull(copy, 7, attemptErrors);
        copy.setLong(8, runMs);
        copy.setString(9, id);
        if (copy.executeUpdate() != 1) {
            return false;
        }
        PreparedStatement delete = s.prepare("DELETE FROM jobs WHERE id = ?");
        delete.setString(1, id);
        delete.executeUpdate();
        return true;
    }

    /** A running job that returned normally: what its move to history records. */
    public record Completed(String id, byte[] output, byte[] progress, byte[] errors, long runMs, long finishedAt) {
    }

    /** Row counts of the set-based completion statements: at most this many jobs per statement. */
    private static final int[] COMPLETION_CHUNKS = {64, 16, 4, 1};

    /**
     * Moves many completed running jobs to history with set-based statements: per chunk of up to 64 jobs, one
     * {@code INSERT ... SELECT ... RETURNING id} joining a {@code VALUES} list, then one {@code DELETE}.
     * The statements are the same as {@link #finish} applies to one job, without a statement per row.
     *
     * @return the ids that moved (a job no longer running is left alone)
     */
    public static java.util.Set<String> finishCompleted(WriteSession s, List<Completed> jobs) throws SQLException {
        java.util.Set<String> moved = new java.util.HashSet<>(jobs.size() * 2);
        int from = 0;
        while (from < jobs.size()) {
            int left = jobs.size() - from;
            int chunk = COMPLETION_CHUNKS[COMPLETION_CHUNKS.length - 1];
            for (int size : COMPLETION_CHUNKS) {
                if (size <= left) {
                    chunk = size;
                    break;
                }
            }
            List<Completed> part = jobs.subList(from, from + chunk);
            List<String> movedHere = copyCompleted(s, part);
            deleteMoved(s, movedHere);
            moved.addAll(movedHere);
            from += chunk;
        }
        return moved;
    }

    private static List<String> copyCompleted(WriteSession s, List<Completed> part) throws SQLException {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < part.size(); i++) {
            values.append(i == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)");
        }
        PreparedStatement copy = s.prepare("WITH d (id, output, progress, errors, run_ms, finished_at) AS (VALUES "
                + values + """
                )
                INSERT INTO job_history (seq, id, name, version, status, output, error, errors, progress,
                                         run_count, checkpoints, created_at, started_at, finished_at,
                                         queue, priority, run_at, attempts, max_attempts, timeout_ms, unique_key,
                                         parent_id, initiator, attempt_errors, run_ms, results, steps)
                SELECT j.seq, j.id, j.name, j.version, 'completed', d.output, NULL, COALESCE(d.errors, j.errors),
                       COALESCE(d.progress, j.progress), j.run_count, COALESCE(c.count, 0), j.created_at,
                       j.started_at, d.finished_at, j.queue, j.priority, j.run_at,
                       j.attempts + (CASE WHEN j.run_count > 0 THEN 1 ELSE 0 END), j.max_attempts, j.timeout_ms,
                       j.unique_key, j.parent_id, j.initiator, j.attempt_errors, j.run_ms + d.run_ms, j.results,
                       (SELECT count(*) FROM job_steps st WHERE st.job_id = j.id)
                FROM d JOIN jobs j ON j.id = d.id LEFT JOIN job_checkpoints c ON c.job_id = j.id
                WHERE j.status = 'running'
                RETURNING id""");
        int p = 1;
        for (Completed c : part) {
            copy.setString(p++, c.id());
            setBytesOrNull(copy, p++, c.output());
            setBytesOrNull(copy, p++, c.progress());
            setBytesOrNull(copy, p++, c.errors());
            copy.setLong(p++, c.runMs());
            copy.setLong(p++, c.finishedAt());
        }
        List<String> ids = new ArrayList<>(part.size());
        try (ResultSet rs = copy.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static void deleteMoved(WriteSession s, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        PreparedStatement delete = s.prepare("DELETE FROM jobs WHERE id IN (SELECT value FROM json_each(?))");
        delete.setString(1, jsonArray(ids));
        delete.executeUpdate();
    }

    /** A JSON array of ids for {@code json_each}. */
    private static String jsonArray(List<String> ids) {
        StringBuilder json = new StringBuilder(ids.size() * 40).append('[');
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"');
            String id = ids.get(i);
            for (int k = 0; k < id.length(); k++) {
                char ch = id.charAt(k);
                if (ch == '"' || ch == '\\') {
                    json.append('\\').append(ch);
                } else if (ch < 0x20) {
                    json.append(String.format("\\u%04x", (int) ch));
                } else {
                    json.append(ch);
                }
            }
            json.append('"');
        }
        return json.append(']').toString();
    }

    /**
     * Commits a step: its completion mark and result, and the job's state as its latest checkpoint, in one
     * transaction (the caller's operation).
     *
     * @return false if the job is no longer running (nothing written)
     */
    public static boolean completeStep(WriteSession s, String id, String name, int seq, byte[] result, byte[] state,
            long now) throws SQLException {
        PreparedStatement touch = s.prepare("UPDATE jobs SET updated_at = ? WHERE id = ? AND status = 'running'");
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
        saveCheckpointUnguarded(s, id, state, now);
        return true;
    }

    /** The committed steps of a job, name to encoded result (a null result is an empty array). */
    public static java.util.Map<String, byte[]> steps(Connection c, String id) throws SQLException {
        java.util.Map<String, byte[]> steps = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, result FROM job_steps WHERE job_id = ? ORDER BY seq")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] result = rs.getBytes(2);
                    steps.put(rs.getString(1), result == null ? new byte[0] : result);
                }
            }
        }
        return steps;
    }

    /**
     * Stores a running job's intermediate results.
     *
     * @return false if the job is no longer running
     */
    public static boolean saveResults(WriteSession s, String id, byte[] results, long now) throws SQLException {
        PreparedStatement ps = s.prepare("UPDATE jobs SET results = ?, updated_at = ? WHERE id = ? AND status = 'running'");
        ps.setBytes(1, results);
        ps.setLong(2, now);
        ps.setString(3, id);
        return ps.executeUpdate() == 1;
    }

    /** Rewrites a job migrated to a new state version: its version, initial state and (if any) checkpoint. */
    public static void storeMigrated(WriteSession s, String id, int version, byte[] state, byte[] checkpoint, long now)
            throws SQLException {
        PreparedStatement ps = s.prepare("UPDATE jobs SET version = ?, state = ?, updated_at = ? WHERE id = ?");
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

    /**
     * Puts a failed running job back in the queue for another attempt at {@code runAt}.
     *
     * @return false if the job was not running
     */
    public static boolean retry(WriteSession s, String id, long runAt, byte[] attemptErrors, byte[] progress,
            byte[] errors, long runMs, long now) throws SQLException {
        PreparedStatement ps = s.prepare("""
                UPDATE jobs SET status = 'queued', stop_reason = 'retry', attempts = attempts + 1, run_at = ?,
                       attempt_errors = ?, progress = COALESCE(?, progress), errors = COALESCE(?, errors),
                       run_ms = run_ms + ?, updated_at = ?
                WHERE id = ? AND status = 'running'""");
        ps.setLong(1, runAt);
        ps.setBytes(2, attemptErrors);
        setBytesOrNull(ps, 3, progress);
        setBytesOrNull(ps, 4, errors);
        ps.setLong(5, runMs);
        ps.setLong(6, now);
        ps.setString(7, id);
        return ps.executeUpdate() == 1;
    }

    /** The earliest future {@code run_at} of a queued job in a queue that is not paused, or null. */
    public static Long nextDue(WriteSession s, long now) throws SQLException {
        PreparedStatement ps = s.prepare("""
                SELECT MIN(run_at) FROM jobs INDEXED BY jobs_due
                WHERE status = 'queued' AND run_at IS NOT NULL AND run_at > ?
                  AND queue NOT IN (SELECT name FROM queues WHERE paused = 1)""");
        // INDEXED BY: left to itself the planner scans every queued job through the status index (18 ms with
        // 100k queued); the partial index holds only the delayed ones
        ps.setLong(1, now);
        try (ResultSet rs = ps.executeQuery()) {
            long v = rs.next() ? rs.getLong(1) : 0;
            return rs.wasNull() ? null : v;
        }
    }

    /**
     * Whether any queued job could still run without a user's action: in a queue that is not paused, and
     * not waiting on a paused predecessor. Delayed jobs count.
     */
    public static boolean anyPending(WriteSession s) throws SQLException {
        PreparedStatement ps = s.prepare("""
                SELECT EXISTS (SELECT 1 FROM jobs j WHERE j.status = 'queued'
                  AND j.queue NOT IN (SELECT name FROM queues WHERE paused = 1)
                  AND NOT EXISTS (SELECT 1 FROM jobs a WHERE a.id = j.after_id AND a.status = 'paused')
                  AND NOT EXISTS (SELECT 1 FROM jobs c WHERE c.parent_id = j.id))""");
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    /** The queues marked paused. */
    public static List<String> pausedQueues(WriteSession s) throws SQLException {
        PreparedStatement ps = s.prepare("SELECT name FROM queues WHERE paused = 1 ORDER BY name");
        List<String> names = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Marks a queue paused or not (persisted). */
    public static void setQueuePaused(WriteSession s, String queue, boolean paused, long now) throws SQLException {
        PreparedStatement ps = s.prepare("""
                INSERT INTO queues (name, paused, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET paused = excluded.paused, updated_at = excluded.updated_at""");
        ps.setString(1, queue);
        ps.setInt(2, paused ? 1 : 0);
        ps.setLong(3, now);
        ps.executeUpdate();
    }

    /** The queues that hold active jobs. */
    public static List<String> queuesInUse(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        // a skip scan over the (status, queue, ...) index, per status: one lookup per queue, not one row per job
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE q(status, name) AS ("
                + " SELECT s.value, (SELECT MIN(queue) FROM jobs WHERE status = s.value)"
                + " FROM json_each('[\"queued\",\"running\",\"paused\"]') s"
                + " UNION ALL SELECT q.status, (SELECT MIN(queue) FROM jobs WHERE status = q.status AND queue > q.name)"
                + " FROM q WHERE q.name IS NOT NULL)"
                + " SELECT DISTINCT name FROM q WHERE name IS NOT NULL ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Active jobs holding a unique key, oldest first. */
    public static List<JobRow> activeWithUniqueKey(WriteSession s, String key) throws SQLException {
        PreparedStatement ps = s.prepare("SELECT " + ACTIVE_COLUMNS + ACTIVE_FROM + " WHERE j.unique_key = ? ORDER BY j.seq");
        ps.setString(1, key);
        List<JobRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        }
        return rows;
    }

    /** Removes a running job's unique key (it is being replaced and will be cancelled). */
    public static void dropUniqueKey(WriteSession s, String id) throws SQLException {
        PreparedStatement ps = s.prepare("UPDATE jobs SET unique_key = NULL WHERE id = ?");
        ps.setString(1, id);
        ps.executeUpdate();
    }

    /**
     * Changes a job's status from {@code from} to {@code to} (queued/paused only).
     *
     * @return false if the job was not in {@code from}
     */
    public static boolean changeWaitingStatus(WriteSession s, String id, String from, String to, String stopReason,
            long now) throws SQLException {
        PreparedStatement ps = s.prepare("""
                UPDATE jobs SET status = ?, stop_reason = COALESCE(?, stop_reason), updated_at = ?
                WHERE id = ? AND status = ?""");
        ps.setString(1, to);
        ps.setString(2, stopReason);
        ps.setLong(3, now);
        ps.setString(4, id);
        ps.setString(5, from);
        return ps.executeUpdate() == 1;
    }

    /** Restart rule: every job left running by a crashed process becomes queued; returns their ids. */
    public static List<String> requeueInterrupted(WriteSession s, long now) throws SQLException {
        PreparedStatement ps = s.prepare("""
                UPDATE jobs SET status = 'queued', stop_reason = 'crash', updated_at = ?
                WHERE status = 'running' RETURNING id""");
        ps.setLong(1, now);
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** The status of a job as stored, active or in history. */
    public static Optional<String> status(WriteSession s, String id) throws SQLException {
        PreparedStatement ps = s.prepare("""
                SELECT status FROM jobs WHERE id = ?1 UNION ALL SELECT status FROM job_history WHERE id = ?1""");
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    // ---- queries ------------------------------------------------------------------------------------

    /**
     * Jobs matching the filters, active and in history, in dispatch order, one page. Null filters match all.
     */
    public static List<JobRow> query(Connection c, java.util.Set<String> statuses, String name, String queue,
            String parentId, Long createdFrom, Long createdTo, int offset, int limit) throws SQLException {
        List<Object> args = new ArrayList<>();
        String inList = String.join(", ", java.util.Collections.nCopies(statuses.size(), "?"));
        StringBuilder sql = new StringBuilder("SELECT * FROM (");
        for (String part : List.of("j", "h")) {
            StringBuilder where = new StringBuilder(" WHERE ").append(part).append(".status IN (")
                    .append(statuses.isEmpty() ? "NULL" : inList).append(")");
            args.addAll(statuses);
            if (name != null) {
                where.append(" AND ").append(part).append(".name = ?");
                args.add(name);
            }
            if (queue != null) {
                where.append(" AND ").append(part).append(".queue = ?");
                args.add(queue);
            }
            if (parentId != null) {
                where.append(" AND ").append(part).append(".parent_id = ?");
                args.add(parentId);
            }
            if (createdFrom != null) {
                where.append(" AND ").append(part).append(".created_at >= ?");
                args.add(createdFrom);
            }
            if (createdTo != null) {
                where.append(" AND ").append(part).append(".created_at < ?");
                args.add(createdTo);
            }
            sql.append(part.equals("j") ? "SELECT " + ACTIVE_COLUMNS + ACTIVE_FROM
                    : " UNION ALL SELECT " + HISTORY_COLUMNS + HISTORY_FROM).append(where);
        }
        sql.append(") ORDER BY 1 LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<JobRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        }
    }

    /** Counts per queue and status, active and in history: {queue, status, count} rows. */
    public static List<Object[]> counts(Connection c) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT queue, status, count(*) FROM jobs GROUP BY queue, status"
                + " UNION ALL SELECT queue, status, count(*) FROM job_history GROUP BY queue, status");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3)});
            }
        }
        return out;
    }

    /**
     * Deletes finished jobs of the given statuses that finished before {@code cutoff} or are beyond the
     * newest {@code keep} of them; returns their ids.
     */
    public static List<String> prune(WriteSession s, List<String> statuses, long cutoff, int keep) throws SQLException {
        String in = String.join(", ", statuses.stream().map(st -> "'" + st + "'").toList());
        List<String> ids = new ArrayList<>();
        // the newest `keep` rows of these statuses stay: find the seq just below them (a walk of `keep` rows
        // down the rowid, not a scan of the whole history), then delete by rowid range
        PreparedStatement threshold = s.prepare("SELECT seq FROM job_history WHERE status IN (" + in + ")"
                + " ORDER BY seq DESC LIMIT 1 OFFSET ?");
        threshold.setInt(1, keep);
        Long below = null;
        try (ResultSet rs = threshold.executeQuery()) {
            if (rs.next()) {
                below = rs.getLong(1);
            }
        }
        if (below != null) {
            PreparedStatement byCount = s.prepare("DELETE FROM job_history WHERE seq <= ? AND status IN (" + in + ")"
                    + " RETURNING id");
            byCount.setLong(1, below);
            collect(byCount, ids);
        }
        PreparedStatement byAge = s.prepare("DELETE FROM job_history WHERE finished_at < ? AND status IN (" + in + ")"
                + " RETURNING id");
        byAge.setLong(1, cutoff);
        collect(byAge, ids);
        return ids;
    }

    private static void collect(PreparedStatement deleteReturningId, List<String> ids) throws SQLException {
        try (ResultSet rs = deleteReturningId.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
    }

    /** The ids of a job's active children. */
    public static List<String> activeChildren(WriteSession s, String parentId) throws SQLException {
        PreparedStatement ps = s.prepare("SELECT id FROM jobs WHERE parent_id = ? ORDER BY seq");
        ps.setString(1, parentId);
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Every active child job's id and its parent's id (for the progress roll-up at open). */
    public static Map<String, String> activeChildren(Connection c) throws SQLException {
        Map<String, String> parents = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, parent_id FROM jobs WHERE parent_id IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                parents.put(rs.getString(1), rs.getString(2));
            }
        }
        return parents;
    }

    /** Every child of a job, active or finished, in dispatch order. */
    public static List<String> children(Connection c, String parentId) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM (SELECT id, seq FROM jobs WHERE parent_id = ?1"
                + " UNION ALL SELECT id, seq FROM job_history WHERE parent_id = ?1) ORDER BY seq")) {
            ps.setString(1, parentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** One job, active or in history. */
    public static Optional<JobRow> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ACTIVE_COLUMNS + ACTIVE_FROM + " WHERE j.id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(row(rs));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + HISTORY_COLUMNS + HISTORY_FROM + " WHERE h.id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** Active jobs (queued, running, paused) in dispatch order. */
    public static List<JobRow> active(Connection c) throws SQLException {
        return list(c, "SELECT " + ACTIVE_COLUMNS + ACTIVE_FROM + " ORDER BY j.seq");
    }

    /** Jobs in history, oldest first, at most {@code limit} of the most recent. */
    public static List<JobRow> history(Connection c, int limit) throws SQLException {
        return list(c, "SELECT * FROM (SELECT " + HISTORY_COLUMNS + HISTORY_FROM
                + " ORDER BY h.seq DESC LIMIT " + Math.max(0, limit) + ") ORDER BY 1");
    }

    /** The number of active jobs in a status. */
    public static int countActive(Connection c, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM jobs WHERE status = ?")) {
            ps.setString(1, status);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static List<JobRow> list(Connection c, String sql) throws SQLException {
        List<JobRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        }
        return rows;
    }

    static JobRow row(ResultSet rs) throws SQLException {
        return new JobRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getBytes(6), rs.getBytes(7), rs.getInt(8), rs.getBytes(9), rs.getBytes(10), rs.getBytes(11),
                rs.getBytes(12), rs.getInt(13), rs.getString(14), rs.getLong(15), longOrNull(rs, 16),
                longOrNull(rs, 17), rs.getLong(18), rs.getString(19), rs.getInt(20), longOrNull(rs, 21),
                rs.getInt(22), rs.getInt(23), rs.getLong(24), longOrNull(rs, 25), rs.getString(26), rs.getString(27),
                rs.getString(28), rs.getString(29), rs.getBytes(30), rs.getLong(31), rs.getBytes(32), rs.getInt(33));
    }

    private static Long longOrNull(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }

    private static void setLongOrNull(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, value);
        }
    }

    private static void setBytesOrNull(PreparedStatement ps, int index, byte[] value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BLOB);
        } else {
            ps.setBytes(index, value);
        }
    }
}
