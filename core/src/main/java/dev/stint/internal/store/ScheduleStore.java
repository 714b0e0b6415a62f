package dev.stint.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** SQL for recurring schedules ({@code recurring_jobs}). */
public final class ScheduleStore {
    private ScheduleStore() {
    }

    /** One stored schedule. */
    public record ScheduleRow(String name, String jobName, int version, byte[] state, String schedule, String zone,
            String missed, long nextRunAt, String queue, int priority, int maxAttempts, long backoffMs,
            Long timeoutMs, String initiator, String lastJobId) {
    }

    private static final String COLUMNS = """
            name, job_name, version, state, schedule, zone, missed, next_run_at, queue, priority, max_attempts,
            backoff_ms, timeout_ms, initiator, last_job_id""";

    /** Creates or replaces a schedule. */
    public static void upsert(WriteSession s, ScheduleRow r, long now) throws SQLException {
        PreparedStatement ps = s.prepare("""
                INSERT INTO recurring_jobs (name, job_name, version, state, schedule, zone, missed, next_run_at, queue,
                                            priority, max_attempts, backoff_ms, timeout_ms, initiator, last_job_id,
                                            created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
                ON CONFLICT (name) DO UPDATE SET job_name = excluded.job_name, version = excluded.version,
                    state = excluded.state, schedule = excluded.schedule, zone = excluded.zone,
                    missed = excluded.missed, next_run_at = excluded.next_run_at, queue = excluded.queue,
                    priority = excluded.priority, max_attempts = excluded.max_attempts,
                    backoff_ms = excluded.backoff_ms, timeout_ms = excluded.timeout_ms,
                    initiator = excluded.initiator, updated_at = excluded.updated_at""");
        ps.setString(1, r.name());
        ps.setString(2, r.jobName());
        ps.setInt(3, r.version());
        ps.setBytes(4, r.state());
        ps.setString(5, r.schedule());
        ps.setString(6, r.zone());
        ps.setString(7, r.missed());
        ps.setLong(8, r.nextRunAt());
        ps.setString(9, r.queue());
        ps.setInt(10, r.priority());
        ps.setInt(11, r.maxAttempts());
        ps.setLong(12, r.backoffMs());
        if (r.timeoutMs() == null) {
            ps.setNull(13, Types.INTEGER);
        } else {
            ps.setLong(13, r.timeoutMs());
        }
        ps.setString(14, r.initiator());
        ps.setLong(15, now);
        ps.setLong(16, now);
        ps.executeUpdate();
    }

    /** Deletes a schedule; returns whether it existed. */
    public static boolean delete(WriteSession s, String name) throws SQLException {
        PreparedStatement ps = s.prepare("DELETE FROM recurring_jobs WHERE name = ?");
        ps.setString(1, name);
        return ps.executeUpdate() == 1;
    }

    /** Schedules due at {@code now}. */
    public static List<ScheduleRow> due(WriteSession s, long now) throws SQLException {
        PreparedStatement ps = s.prepare("SELECT " + COLUMNS + " FROM recurring_jobs WHERE next_run_at <= ? ORDER BY next_run_at");
        ps.setLong(1, now);
        return rows(ps);
    }

    /** Records a firing: the next run and the job dispatched (or the previous one, when skipped). */
    public static void fired(WriteSession s, String name, long nextRunAt, String lastJobId, long now) throws SQLException {
        PreparedStatement ps = s.prepare("""
                UPDATE recurring_jobs SET next_run_at = ?, last_job_id = COALESCE(?, last_job_id), updated_at = ?
                WHERE name = ?""");
        ps.setLong(1, nextRunAt);
        ps.setString(2, lastJobId);
        ps.setLong(3, now);
        ps.setString(4, name);
        ps.executeUpdate();
    }

    /** The earliest next run of any schedule, or null. */
    public static Long nextDue(WriteSession s) throws SQLException {
        PreparedStatement ps = s.prepare("SELECT MIN(next_run_at) FROM recurring_jobs");
        try (ResultSet rs = ps.executeQuery()) {
            long v = rs.next() ? rs.getLong(1) : 0;
            return rs.wasNull() ? null : v;
        }
    }

    /** Whether a job is still active (queued, running or paused). */
    public static boolean isActive(WriteSession s, String jobId) throws SQLException {
        PreparedStatement ps = s.prepare("SELECT 1 FROM jobs WHERE id = ?");
        ps.setString(1, jobId);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** Every schedule, by name. */
    public static List<ScheduleRow> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM recurring_jobs ORDER BY name")) {
            return rows(ps);
        }
    }

    /** One schedule (on the writer). */
    public static ScheduleRow find(WriteSession s, String name) throws SQLException {
        PreparedStatement ps = s.prepare("SELECT " + COLUMNS + " FROM recurring_jobs WHERE name = ?");
        ps.setString(1, name);
        List<ScheduleRow> rows = rows(ps);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static List<ScheduleRow> rows(PreparedStatement ps) throws SQLException {
        List<ScheduleRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long timeout = rs.getLong(13);
                Long timeoutMs = rs.wasNull() ? null : timeout;
                out.add(new ScheduleRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBytes(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9), rs.getInt(10), rs.getInt(11),
                        rs.getLong(12), timeoutMs, rs.getString(14), rs.getString(15)));
            }
        }
        return out;
    }
}
