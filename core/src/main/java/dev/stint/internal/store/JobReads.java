package dev.stint.internal.store;

import dev.stint.JobStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reads of jobs, active and in history: single jobs, lists and queries (as {@link JobRow}s, through
 * {@link JobColumns}), counts, children, committed steps, the queues jobs use and what the scheduler asks
 * (the next due time, whether anything could still run). Methods taking a {@link Connection} run on the
 * reader connection; those taking a {@link WriteSession} run on the writer thread and see its uncommitted
 * changes.
 */
public final class JobReads {
    // statements that name a status or stop reason, resolved once (see StoredText)
    private static final String QUEUED_BY_QUEUE = StoredText.sql(
            "SELECT queue, count(*) FROM jobs WHERE status = {QUEUED} AND queue IS NOT NULL GROUP BY queue");

    private static final String NEXT_DUE = StoredText.sql("""
                    SELECT MIN(run_at) FROM job_rows INDEXED BY jobs_due
                    WHERE status = {QUEUED} AND run_at IS NOT NULL AND finished_at IS NULL AND run_at > ? AND run_at <= %d
                      AND queue NOT IN (SELECT name FROM queues WHERE paused = 1)""").formatted(RowCheck.MAX_TIME);

    private static final String ANY_PENDING = StoredText.sql("""
                    SELECT EXISTS (SELECT 1 FROM jobs j WHERE j.status = {QUEUED} AND j.ruled = 0
                      AND j.queue NOT IN (SELECT name FROM queues WHERE paused = 1)
                      AND NOT EXISTS (SELECT 1 FROM jobs a WHERE a.id = j.after_id
                                      AND (a.status = {PAUSED} OR NOT %s))
                      AND NOT EXISTS (SELECT 1 FROM jobs c WHERE c.parent_id = j.id)
                      AND %s)""").formatted(RowCheck.soundActive("a"), RowCheck.soundActive("j"));

    private JobReads() {
    }

    /** Jobs of one queue in one status, active or in history. */
    public record StatusCount(String queue, JobStatus status, int count) {
    }

    /**
     * A place in dispatch order (creation time, then id): a query's page starts after it.
     *
     * @param createdAt epoch milliseconds
     */
    public record Cursor(long createdAt, String id) {
    }

    // what the application reads: never the initial state or the checkpoint (only a run needs them)
    private static final String ACTIVE = "SELECT " + JobColumns.activeReadSelect("j") + " FROM jobs j";
    private static final String HISTORY = "SELECT " + JobColumns.historySelect() + " FROM job_history h";
    private static final String SEQ = JobColumns.SEQ.column();
    private static final String CREATED_AT = JobColumns.CREATED_AT.column();
    private static final String ID = JobColumns.ID.column();

    // ---- job rows -----------------------------------------------------------------------------------

    /** One job, active or in history. */
    public static Optional<JobRow> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ACTIVE + " WHERE j.id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(JobColumns.row(rs));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(HISTORY + " WHERE h.id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(JobColumns.row(rs)) : Optional.empty();
            }
        }
    }

    /** Active jobs (queued, running, paused) in dispatch order. */
    public static List<JobRow> active(Connection c) throws SQLException {
        return list(c, ACTIVE + " ORDER BY j.seq");
    }

    /** Jobs in history, oldest first, at most {@code limit} of the most recent. */
    public static List<JobRow> history(Connection c, int limit) throws SQLException {
        return list(c, "SELECT * FROM (" + HISTORY + " ORDER BY h.seq DESC LIMIT " + Math.max(0, limit) + ")"
                + " ORDER BY " + SEQ);
    }

    /**
     * Jobs matching the filters, active and in history, in dispatch order (creation time, then id), one page:
     * {@code limit} jobs after {@code after} (null: from the start), {@code offset} of them skipped. Null
     * filters match all. Both tables are read through their {@code (created_at, id)} index, so a page after a
     * cursor costs the same wherever it is; an offset costs the rows it skips.
     */
    public static List<JobRow> query(Connection c, Set<JobStatus> statuses, String name, String queue,
            String parentId, Long createdFrom, Long createdTo, Cursor after, int offset, int limit)
            throws SQLException {
        return query(c, statuses, name, queue, parentId, List.of(), createdFrom, createdTo, after, offset, limit);
    }

    /** As {@link #query(Connection, Set, String, String, String, Long, Long, Cursor, int, int)}, with tags a job must all have. */
    public static List<JobRow> query(Connection c, Set<JobStatus> statuses, String name, String queue,
            String parentId, List<String> tags, Long createdFrom, Long createdTo, Cursor after, int offset, int limit)
            throws SQLException {
        List<Object> args = new ArrayList<>();
        String inList = String.join(", ", Collections.nCopies(statuses.size(), "?"));
        StringBuilder sql = new StringBuilder();
        boolean filtered = !statuses.containsAll(EnumSet.allOf(JobStatus.class));
        List<String> parts = new ArrayList<>(2);
        // the active half holds no finished job and the history half nothing else: a status filter that names
        // only one kind reads one half (a page of active jobs must not walk all of history to find nothing there)
        if (!filtered || statuses.stream().anyMatch(st -> !st.isTerminal())) {
            parts.add("j");
        }
        if (!filtered || statuses.stream().anyMatch(JobStatus::isTerminal)) {
            parts.add("h");
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        for (String part : parts) {
            // each table gives at most the page (and what it skips) in order, read along its (created_at, id)
            // index; the unary + keeps the planner off the status, name and queue indexes, which it would
            // otherwise pick (it has no statistics) and then sort every match for each page
            StringBuilder where = new StringBuilder(" WHERE 1");
            if (filtered) {
                // every status asked for: no filter, so that a damaged row whose status is unknown is listed too
                where.append(" AND +").append(part).append(".status IN (")
                        .append(statuses.isEmpty() ? "NULL" : inList).append(")");
                statuses.forEach(st -> args.add(st.wireName()));
            }
            if (name != null) {
                where.append(" AND +").append(part).append(".name = ?");
                args.add(name);
            }
            if (queue != null) {
                where.append(" AND +").append(part).append(".queue = ?");
                args.add(queue);
            }
            if (parentId != null) {
                where.append(" AND ").append(part).append(".parent_id = ?");
                args.add(parentId);
            }
            for (String tag : tags) {
                where.append(" AND EXISTS (SELECT 1 FROM job_tags t WHERE t.tag = ? AND t.seq = ").append(part)
                        .append(".seq)");
                args.add(tag);
            }
            if (createdFrom != null) {
                where.append(" AND ").append(part).append(".created_at >= ?");
                args.add(createdFrom);
            }
            if (createdTo != null) {
                where.append(" AND ").append(part).append(".created_at < ?");
                args.add(createdTo);
            }
            if (after != null) {
                where.append(" AND (").append(part).append(".created_at, ").append(part).append(".id) > (?, ?)");
                args.add(after.createdAt());
                args.add(after.id());
            }
            sql.append(sql.isEmpty() ? "" : " UNION ALL ").append("SELECT * FROM (")
                    .append(part.equals("j") ? ACTIVE : HISTORY)
                    .append(where).append(" ORDER BY ").append(part).append(".created_at, ").append(part)
                    .append(".id LIMIT ?)");
            args.add((long) offset + limit);
        }
        sql.append(" ORDER BY ").append(CREATED_AT).append(", ").append(ID).append(" LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<JobRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(JobColumns.row(rs));
                }
            }
            return rows;
        }
    }

    private static List<JobRow> list(Connection c, String sql) throws SQLException {
        List<JobRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(JobColumns.row(rs));
            }
        }
        return rows;
    }

    /** The status of a job as stored, active or in history. */
    public static Optional<JobStatus> status(WriteSession s, String id) throws SQLException {
        PreparedStatement ps = s.prepare("""
                SELECT status, finished_at IS NOT NULL FROM job_rows WHERE id = ?""");
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(JobColumns.status(rs.getString(1), rs.getInt(2) == 1)) : Optional.empty();
        }
    }

    /** The name of a job as stored, active or in history. */
    public static Optional<String> name(WriteSession s, String id) throws SQLException {
        PreparedStatement ps = s.prepare("""
                SELECT name FROM job_rows WHERE id = ?""");
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty(); // NULL: a damaged row
        }
    }

    /** The committed steps of a job, name to encoded result (a null result is an empty array). */
    public static Map<String, byte[]> steps(Connection c, String id) throws SQLException {
        Map<String, byte[]> steps = new LinkedHashMap<>();
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

    // ---- counts -------------------------------------------------------------------------------------

    /** Counts per queue and status, active and in history. */
    public static List<StatusCount> counts(Connection c) throws SQLException {
        List<StatusCount> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT queue, status, count(*), 0 FROM jobs GROUP BY queue, status"
                + " UNION ALL SELECT queue, status, count(*), 1 FROM job_history GROUP BY queue, status");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                // a damaged row counts as it lists (see JobColumns#row)
                String queue = rs.getString(1);
                out.add(new StatusCount(queue == null ? "" : queue, JobColumns.status(rs.getString(2), rs.getInt(4) == 1),
                        rs.getInt(3)));
            }
        }
        return out;
    }

    /** The number of active jobs in a status. */
    public static int countActive(Connection c, JobStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM jobs WHERE status = ?")) {
            ps.setString(1, status.wireName());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** The number of queued jobs per queue (queues without any are absent). */
    public static Map<String, Integer> queuedByQueue(Connection c) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(QUEUED_BY_QUEUE);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
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

    // ---- children -----------------------------------------------------------------------------------

    private static final String ACTIVE_CHILDREN = "SELECT id FROM jobs WHERE parent_id = ? ORDER BY seq";

    /** The ids of a job's active children, in dispatch order. */
    public static List<String> activeChildren(WriteSession s, String parentId) throws SQLException {
        PreparedStatement ps = s.prepare(ACTIVE_CHILDREN);
        ps.setString(1, parentId);
        return ids(ps);
    }

    /** The ids of a job's active children, in dispatch order, read on the reader connection. */
    public static List<String> activeChildren(Connection c, String parentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ACTIVE_CHILDREN)) {
            ps.setString(1, parentId);
            return ids(ps);
        }
    }

    /** Every active child job's id and its parent's id (for the progress roll-up at open). */
    public static Map<String, String> activeChildren(Connection c) throws SQLException {
        Map<String, String> parents = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, parent_id FROM jobs WHERE parent_id IS NOT NULL AND id IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                parents.put(rs.getString(1), rs.getString(2));
            }
        }
        return parents;
    }

    /** Every child of a job, active or finished, in dispatch order. */
    public static List<String> children(Connection c, String parentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM job_rows WHERE parent_id = ? ORDER BY seq")) {
            ps.setString(1, parentId);
            return ids(ps);
        }
    }

    private static List<String> ids(PreparedStatement ps) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** A sound active job that waits on another active job: its chain predecessor or its parent (or both). */
    public record Dependency(String id, String afterId, String parentId) {
    }

    private static final String DEPENDENCIES = """
            SELECT j.id, CASE WHEN EXISTS (SELECT 1 FROM jobs a WHERE a.id = j.after_id) THEN j.after_id END,
                   CASE WHEN EXISTS (SELECT 1 FROM jobs p WHERE p.id = j.parent_id) THEN j.parent_id END
            FROM jobs j
            WHERE j.seq IN (SELECT seq FROM job_rows INDEXED BY jobs_by_after
                              WHERE after_id IS NOT NULL AND finished_at IS NULL
                            UNION SELECT seq FROM job_rows INDEXED BY jobs_by_parent
                              WHERE parent_id IS NOT NULL AND finished_at IS NULL)
              AND %s""".formatted(
            RowCheck.soundActive("j"));

    /**
     * Every active job's links to other active jobs (what the cycle check at open walks): only the rows with a
     * link are read, through the partial indexes on {@code after_id} and {@code parent_id}, not every active job.
     */
    public static List<Dependency> dependencies(WriteSession s) throws SQLException {
        List<Dependency> out = new ArrayList<>();
        try (ResultSet rs = s.prepare(DEPENDENCIES).executeQuery()) {
            while (rs.next()) {
                if (rs.getString(2) != null || rs.getString(3) != null) {
                    out.add(new Dependency(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    // ---- what the scheduler asks --------------------------------------------------------------------

    /** The earliest future {@code run_at} of a queued job in a queue that is not paused, or null. */
    public static Long nextDue(WriteSession s, long now) throws SQLException {
        PreparedStatement ps = s.prepare(NEXT_DUE);
        // INDEXED BY: left to itself the planner scans every queued job through the status index (18 ms with
        // 100k queued); the partial index holds only the delayed ones
        ps.setLong(1, now);
        try (ResultSet rs = ps.executeQuery()) {
            long v = rs.next() ? rs.getLong(1) : 0;
            return rs.wasNull() ? null : v;
        }
    }

    /**
     * Whether any queued job could still run without a user's action: in a queue that is not paused, not
     * waiting on a paused or damaged predecessor, and not damaged ({@link RowCheck}). Delayed jobs count (up to
     * {@link RowCheck#MAX_TIME}: a later {@code run_at} is damage).
     */
    public static boolean anyPending(WriteSession s) throws SQLException {
        PreparedStatement ps = s.prepare(ANY_PENDING);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }
}
