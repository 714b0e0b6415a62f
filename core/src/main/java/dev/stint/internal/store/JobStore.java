package dev.stint.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Every SQL statement Stint runs against {@code jobs.db}. Write methods run on the writer thread inside a
 * {@link WriteSession}; query methods take the reader connection. Updates check their row counts: 0 rows
 * means the job is not in the expected status, and the caller decides what that means.
 */
public final class JobStore {
    private JobStore() {
    }

    /** A job to insert. */
    public record NewJob(String id, String name, int version, byte[] state, long createdAt) {
    }

    private static final String ACTIVE_COLUMNS = """
            j.seq, j.id, j.name, j.version, j.status, j.state, c.state, COALESCE(c.count, 0), j.progress, j.errors,
            NULL, NULL, j.run_count, j.stop_reason, j.created_at, j.started_at, NULL, j.updated_at""";
    private static final String ACTIVE_FROM = " FROM jobs j LEFT JOIN job_checkpoints c ON c.job_id = j.id";
    private static final String HISTORY_COLUMNS = """
            h.seq, h.id, h.name, h.version, h.status, NULL, NULL, h.checkpoints, h.progress, h.errors,
            h.output, h.error, h.run_count, NULL, h.created_at, h.started_at, h.finished_at, h.finished_at""";
    private static final String HISTORY_FROM = " FROM job_history h";

    // ---- writes -------------------------------------------------------------------------------------

    /** Inserts new queued jobs. */
    public static void insert(WriteSession s, Collection<NewJob> jobs) throws SQLException {
        PreparedStatement ps = s.prepare("""
                INSERT INTO jobs (id, name, version, status, state, created_at, updated_at)
                VALUES (?, ?, ?, 'queued', ?, ?, ?)""");
        for (NewJob job : jobs) {
            ps.setString(1, job.id());
            ps.setString(2, job.name());
            ps.setInt(3, job.version());
            ps.setBytes(4, job.state());
            ps.setLong(5, job.createdAt());
            ps.setLong(6, job.createdAt());
            if (jobs.size() == 1) {
                ps.executeUpdate();
            } else {
                ps.addBatch();
            }
        }
        if (jobs.size() > 1) {
            ps.executeBatch();
        }
    }

    /**
     * Marks up to {@code limit} queued jobs running, in dispatch order, and returns them with their latest
     * checkpoints.
     */
    public static List<JobRow> claim(WriteSession s, int limit, long now) throws SQLException {
        PreparedStatement claim = s.prepare("""
                UPDATE jobs SET status = 'running', run_count = run_count + 1,
                       started_at = COALESCE(started_at, ?), updated_at = ?
                WHERE seq IN (SELECT seq FROM jobs WHERE status = 'queued' ORDER BY seq LIMIT ?)
                RETURNING seq""");
        claim.setLong(1, now);
        claim.setLong(2, now);
        claim.setInt(3, limit);
        List<Long> seqs = new ArrayList<>();
        try (ResultSet rs = claim.executeQuery()) {
            while (rs.next()) {
                seqs.add(rs.getLong(1));
            }
        }
        if (seqs.isEmpty()) {
            return List.of();
        }
        seqs.sort(null);
        List<JobRow> rows = new ArrayList<>(seqs.size());
        PreparedStatement load = s.prepare("SELECT " + ACTIVE_COLUMNS + ACTIVE_FROM + " WHERE j.seq = ?");
        for (long seq : seqs) {
            load.setLong(1, seq);
            try (ResultSet rs = load.executeQuery()) {
                if (rs.next()) {
                    rows.add(row(rs));
                }
            }
        }
        return rows;
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
        PreparedStatement ps = s.prepare("""
                UPDATE jobs SET status = ?, stop_reason = ?, progress = COALESCE(?, progress),
                       errors = COALESCE(?, errors), updated_at = ?
                WHERE id = ? AND status = 'running'""");
        ps.setString(1, newStatus);
        ps.setString(2, stopReason);
        setBytesOrNull(ps, 3, progress);
        setBytesOrNull(ps, 4, errors);
        ps.setLong(5, now);
        ps.setString(6, id);
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
        String in = String.join(", ", fromStatuses.stream().map(st -> "'" + st + "'").toList());
        PreparedStatement copy = s.prepare("""
                INSERT INTO job_history (seq, id, name, version, status, output, error, errors, progress,
                                         run_count, checkpoints, created_at, started_at, finished_at)
                SELECT j.seq, j.id, j.name, j.version, ?, ?, ?, COALESCE(?, j.errors), COALESCE(?, j.progress),
                       j.run_count, COALESCE(c.count, 0), j.created_at, j.started_at, ?
                FROM jobs j LEFT JOIN job_checkpoints c ON c.job_id = j.id
                WHERE j.id = ? AND j.status IN (""" + in + ")");
        copy.setString(1, terminalStatus);
        setBytesOrNull(copy, 2, output);
        setBytesOrNull(copy, 3, error);
        setBytesOrNull(copy, 4, errors);
        setBytesOrNull(copy, 5, progress);
        copy.setLong(6, now);
        copy.setString(7, id);
        if (copy.executeUpdate() != 1) {
            return false;
        }
        PreparedStatement delete = s.prepare("DELETE FROM jobs WHERE id = ?");
        delete.setString(1, id);
        delete.executeUpdate();
        return true;
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

    private static JobRow row(ResultSet rs) throws SQLException {
        long startedAt = rs.getLong(16);
        Long started = rs.wasNull() ? null : startedAt;
        long finishedAt = rs.getLong(17);
        Long finished = rs.wasNull() ? null : finishedAt;
        return new JobRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getBytes(6), rs.getBytes(7), rs.getInt(8), rs.getBytes(9), rs.getBytes(10), rs.getBytes(11),
                rs.getBytes(12), rs.getInt(13), rs.getString(14), rs.getLong(15), started, finished, rs.getLong(18));
    }

    private static void setBytesOrNull(PreparedStatement ps, int index, byte[] value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BLOB);
        } else {
            ps.setBytes(index, value);
        }
    }
}
