package dev.stint.internal.store;

import dev.stint.JobStatus;
import static dev.stint.internal.store.SqlValues.setBytesOrNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The finish of jobs (one job, or completed runs in set-based batches) and the pruning of history. A job
 * finishes in its own row of {@code job_rows}: a terminal status and a {@code finished_at}, which move it from
 * the view {@code jobs} to the view {@code job_history} (see {@link Schema}); both kinds of finish go through
 * one statement built from {@link JobColumns}. Every method runs on the writer thread inside a
 * {@link WriteSession}.
 */
public final class History {
    private History() {
    }

    /** A running job that returned normally: what its move to history records. */
    public record Completed(String id, byte[] output, byte[] progress, byte[] errors, long runMs, long finishedAt) {
    }

    /**
     * What a move to history writes besides the job's own columns: the values {@code d} of the copy
     * statement (see {@link JobColumns}); a null progress, errors or attempt errors keeps the job's own.
     */
    private record Move(String id, JobStatus status, byte[] output, byte[] error, byte[] progress, byte[] errors,
            byte[] attemptErrors, long runMs, long finishedAt) {
    }

    /** The columns of {@code d}, in the order {@link #finishRows} binds them. */
    private static final String MOVE_VALUES = "id, status, output, error, progress, errors, attempt_errors, run_ms,"
            + " finished_at";
    private static final String MOVE_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /**
     * The finish of the jobs named in {@code d}, in their own rows: a terminal status and what history reads
     * ({@link JobColumns#finishAssignments}). Setting {@code finished_at} moves the row from the active-only
     * indexes to the history-only ones (see {@link Schema}).
     */
    private static final String FINISH = " UPDATE job_rows AS j SET " + JobColumns.finishAssignments()
            + ", updated_at = d.finished_at FROM d WHERE j.id = d.id AND j.finished_at IS NULL";

    /** Row counts of the set-based completion statements: at most this many jobs per statement. */
    private static final int[] COMPLETION_CHUNKS = {64, 16, 4, 1};

    /**
     * Moves an active job in one of {@code fromStatuses} to history with a terminal status.
     *
     * @return false if the job was not in one of those statuses (nothing written)
     */
    public static boolean finish(WriteSession s, String id, List<JobStatus> fromStatuses, JobStatus terminalStatus,
            byte[] output, byte[] error, byte[] progress, byte[] errors, long now) throws SQLException {
        return finish(s, id, fromStatuses, terminalStatus, output, error, progress, errors, null, 0, now);
    }

    /**
     * Moves an active job to history, also recording its attempt errors and the run time of the run that
     * just ended ({@code runMs}). The attempts count is the failed attempts so far plus the last one.
     *
     * @return false if the job was not in one of {@code fromStatuses}
     */
    public static boolean finish(WriteSession s, String id, List<JobStatus> fromStatuses, JobStatus terminalStatus,
            byte[] output, byte[] error, byte[] progress, byte[] errors, byte[] attemptErrors, long runMs, long now)
            throws SQLException {
        Move move = new Move(id, terminalStatus, output, error, progress, errors, attemptErrors, runMs, now);
        Finished finished = finishRows(s, List.of(move), fromStatuses);
        dropSideRows(s, finished);
        return !finished.ids().isEmpty();
    }

    /**
     * Moves many completed running jobs to history with set-based statements: per chunk of up to 64 jobs, one
     * {@code INSERT ... SELECT ... RETURNING id} joining a {@code VALUES} list, then one {@code DELETE}.
     * The statements are the ones {@link #finish} applies to one job.
     *
     * @return the ids that moved (a job no longer running is left alone)
     */
    public static Set<String> finishCompleted(WriteSession s, List<Completed> jobs) throws SQLException {
        Set<String> moved = new HashSet<>(jobs.size() * 2);
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
            List<Move> part = new ArrayList<>(chunk);
            for (Completed c : jobs.subList(from, from + chunk)) {
                part.add(new Move(c.id(), JobStatus.COMPLETED, c.output(), null, c.progress(), c.errors(), null, c.runMs(),
                        c.finishedAt()));
            }
            Finished finishedHere = finishRows(s, part, List.of(JobStatus.RUNNING));
            dropSideRows(s, finishedHere);
            moved.addAll(finishedHere.ids());
            from += chunk;
        }
        return moved;
    }

    /**
     * The jobs a finish ended: their ids, and the ids of those that left checkpoints or steps behind (an
     * active job's side rows, which history does not keep).
     */
    private record Finished(List<String> ids, List<String> withSideRows, List<String> ruled) {
    }

    /** Finishes the jobs of {@code moves} that are in one of {@code fromStatuses}: one statement for all of them. */
    private static Finished finishRows(WriteSession s, List<Move> moves, List<JobStatus> fromStatuses)
            throws SQLException {
        String in = inList(fromStatuses);
        String rows = String.join(", ", Collections.nCopies(moves.size(), MOVE_ROW));
        PreparedStatement finish = s.prepare("WITH d (" + MOVE_VALUES + ") AS (VALUES " + rows + ")" + FINISH
                + " AND j.status IN (" + in + ") RETURNING id, checkpoints + steps AS side_rows, ruled");
        int p = 1;
        for (Move m : moves) {
            finish.setString(p++, m.id());
            finish.setString(p++, m.status().wireName());
            setBytesOrNull(finish, p++, m.output());
            setBytesOrNull(finish, p++, m.error());
            setBytesOrNull(finish, p++, m.progress());
            setBytesOrNull(finish, p++, m.errors());
            setBytesOrNull(finish, p++, m.attemptErrors());
            finish.setLong(p++, m.runMs());
            finish.setLong(p++, m.finishedAt());
        }
        List<String> ids = new ArrayList<>(moves.size());
        List<String> withSideRows = new ArrayList<>();
        List<String> ruled = new ArrayList<>();
        try (ResultSet rs = finish.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString("id");
                ids.add(id);
                if (rs.getLong("side_rows") != 0) {
                    withSideRows.add(id);
                }
                if (rs.getInt("ruled") != 0) {
                    ruled.add(id);
                }
            }
        }
        return new Finished(ids, withSideRows, ruled);
    }

    /**
     * Deletes the checkpoints and steps of finished jobs (the counts stay in their rows). Only jobs that had
     * some: a job that never saved either costs no statement here.
     */
    private static void dropSideRows(WriteSession s, Finished finished) throws SQLException {
        if (!finished.ruled().isEmpty()) {
            RuledJobs.dropLines(s, finished.ruled());
        }
        if (finished.withSideRows().isEmpty()) {
            return;
        }
        String ids = SqlValues.jsonArray(finished.withSideRows());
        for (String table : List.of("job_checkpoints", "job_steps")) {
            PreparedStatement delete = s.prepare("DELETE FROM " + table + " WHERE job_id IN (SELECT value FROM json_each(?))");
            delete.setString(1, ids);
            delete.executeUpdate();
        }
    }

    /**
     * What a retry of a finished job dispatches again: the job's type, stored version and dispatched state, and the
     * scheduling settings it was dispatched with.
     *
     * @param finished whether the row is finished (in {@code job_history})
     * @param damage what is wrong with the row as a finished one (see {@link RowCheck}), or null
     */
    public record RetrySource(JobStatus status, boolean finished, String name, int version, byte[] state, String queue,
            int priority, int maxAttempts, long backoffMs, Long timeoutMs, String initiator, String damage,
            String rules, String tags, Double weight) {
    }

    private static final String RETRY_SOURCE = "SELECT status, finished_at IS NOT NULL AS finished, name, version,"
            + " state, queue, priority, max_attempts, backoff_ms, timeout_ms, initiator, rules, tags, weight, "
            + RowCheck.history("r")
            + " AS damage FROM job_rows r WHERE id = ?";

    /** The job {@code id} as a retry would dispatch it again, if there is such a job. */
    public static java.util.Optional<RetrySource> retrySource(WriteSession s, String id) throws SQLException {
        PreparedStatement ps = s.prepare(RETRY_SOURCE);
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return java.util.Optional.empty();
            }
            boolean finished = rs.getInt("finished") == 1;
            return java.util.Optional.of(new RetrySource(JobColumns.status(rs.getString("status"), finished), finished,
                    rs.getString("name"), rs.getInt("version"), rs.getBytes("state"), rs.getString("queue"),
                    rs.getInt("priority"), rs.getInt("max_attempts"), rs.getLong("backoff_ms"),
                    SqlValues.longOrNull(rs, "timeout_ms"),
                    rs.getString("initiator"), rs.getString("damage"), rs.getString("rules"), rs.getString("tags"),
                    SqlValues.doubleOrNull(rs, "weight")));
        }
    }

    /**
     * Deletes finished jobs of the given statuses that finished before {@code cutoff} or are beyond the
     * newest {@code keep} of them (by finish time); returns their ids.
     */
    public static List<String> prune(WriteSession s, List<JobStatus> statuses, long cutoff, int keep)
            throws SQLException {
        return prune(s, "status IN (" + inList(statuses) + ")", cutoff, keep);
    }

    /** What marks a job born of a recurring schedule: the initiator a schedule gives its runs. */
    private static final String SCHEDULE_FAILURE = "status = '" + JobStatus.FAILED.wireName() + "'"
            + " AND (initiator LIKE 'schedule:%' OR initiator IN (SELECT initiator FROM recurring_jobs"
            + " WHERE initiator IS NOT NULL))";

    /**
     * Deletes failed runs of recurring schedules (initiator {@code schedule:<name>} or a schedule's own
     * initiator) that finished before {@code cutoff} or are beyond the newest {@code keep} of them; returns
     * their ids. A schedule fires again and again: unlike a failed one-off job, its failures are not each
     * evidence to keep, and a schedule that fails every time must not fill history.
     */
    public static List<String> pruneScheduleFailures(WriteSession s, long cutoff, int keep) throws SQLException {
        return prune(s, SCHEDULE_FAILURE, cutoff, keep);
    }

    private static List<String> prune(WriteSession s, String where, long cutoff, int keep) throws SQLException {
        List<String> ids = new ArrayList<>();
        List<Long> tagged = new ArrayList<>();
        // the newest `keep` rows of these statuses (by finish time, then seq) stay: find the row just below them (a
        // walk of `keep` entries down the finish-time index of history, not of every row), then delete up to it
        PreparedStatement threshold = s.prepare("SELECT finished_at, seq FROM job_history WHERE " + where
                + " ORDER BY finished_at DESC, seq DESC LIMIT 1 OFFSET ?");
        threshold.setInt(1, keep);
        long belowTime = 0;
        long belowSeq = -1;
        try (ResultSet rs = threshold.executeQuery()) {
            if (rs.next()) {
                belowTime = rs.getLong("finished_at");
                belowSeq = rs.getLong("seq");
            }
        }
        if (belowSeq >= 0) {
            PreparedStatement byCount = s.prepare("DELETE FROM job_rows WHERE finished_at IS NOT NULL"
                    + " AND (finished_at < ?1 OR (finished_at = ?1 AND seq <= ?2)) AND " + where + PRUNED);
            byCount.setLong(1, belowTime);
            byCount.setLong(2, belowSeq);
            collect(byCount, ids, tagged);
        }
        PreparedStatement byAge = s.prepare("DELETE FROM job_rows WHERE finished_at < ? AND " + where + PRUNED);
        byAge.setLong(1, cutoff);
        collect(byAge, ids, tagged);
        if (!tagged.isEmpty()) {
            PreparedStatement tags = s.prepare("DELETE FROM job_tags WHERE seq IN (SELECT value FROM json_each(?))");
            tags.setString(1, tagged.toString());
            tags.executeUpdate();
        }
        return ids;
    }

    /** What a prune's delete returns: the id, and the seq of a row with tags (their rows go too). */
    private static final String PRUNED = " RETURNING id, CASE WHEN tags IS NOT NULL THEN seq END AS tagged_seq";

    private static void collect(PreparedStatement deleteReturning, List<String> ids, List<Long> tagged)
            throws SQLException {
        try (ResultSet rs = deleteReturning.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString("id"));
                Long seq = SqlValues.longOrNull(rs, "tagged_seq");
                if (seq != null) {
                    tagged.add(seq);
                }
            }
        }
    }

    /** A SQL list of status literals, for an {@code IN (...)}: the statuses come from the enum, never from input. */
    private static String inList(List<JobStatus> statuses) {
        return statuses.stream().map(st -> "'" + st.wireName() + "'").collect(Collectors.joining(", "));
    }
}
