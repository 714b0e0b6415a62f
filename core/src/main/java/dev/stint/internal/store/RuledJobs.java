package dev.stint.internal.store;

import dev.stint.internal.rules.RunRules;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of run rules and tags: the lines ruled jobs wait in ({@code job_rule_keys}), the claim of one
 * ruled job, the recent starts of rate limits ({@code rate_starts}), the tags of jobs ({@code job_tags}) and
 * the paused tags ({@code paused_tags}). Writes run on the writer thread inside a {@link WriteSession}.
 */
public final class RuledJobs {
    private RuledJobs() {
    }

    /** A queued job at the head of a line, with what the gate needs to decide on it. */
    public record Head(long seq, String id, int priority, String queue, String rules, Long runAt) {
    }

    // ---- side rows of new jobs -------------------------------------------------------------------------

    /** Inserts the lines and tags of a new job. */
    static void insertSideRows(WriteSession s, long seq, NewJob job) throws SQLException {
        if (job.rules() != null) {
            PreparedStatement ps = s.prepare(
                    "INSERT OR IGNORE INTO job_rule_keys (key, priority, seq, write) VALUES (?, ?, ?, ?)");
            for (RunRules.Line line : job.rules().lines()) {
                ps.setString(1, line.key());
                ps.setInt(2, job.priority());
                ps.setLong(3, seq);
                ps.setInt(4, line.write() ? 1 : 0);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (!job.tags().isEmpty()) {
            PreparedStatement ps = s.prepare("INSERT OR IGNORE INTO job_tags (tag, seq) VALUES (?, ?)");
            for (String tag : job.tags()) {
                ps.setString(1, tag);
                ps.setLong(2, seq);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Deletes the lines of jobs that finished (their tags stay, for queries over history). */
    static void dropLines(WriteSession s, List<String> ids) throws SQLException {
        PreparedStatement ps = s.prepare("DELETE FROM job_rule_keys WHERE seq IN"
                + " (SELECT seq FROM job_rows WHERE id IN (SELECT value FROM json_each(?)))");
        ps.setString(1, SqlValues.jsonArray(ids));
        ps.executeUpdate();
    }

    // ---- lines -----------------------------------------------------------------------------------------

    private static final String HEADS = StoredText.sql("""
            SELECT k.seq AS seq, j.id AS id, j.priority AS priority, j.queue AS queue, j.rules AS rules,
                   j.run_at AS run_at
            FROM job_rule_keys k JOIN job_rows j ON j.seq = k.seq
            WHERE k.key = ? AND j.status = {QUEUED} AND j.finished_at IS NULL AND j.ruled = 1
              AND (j.after_id IS NULL OR NOT EXISTS (SELECT 1 FROM jobs a WHERE a.id = j.after_id))
              AND NOT EXISTS (SELECT 1 FROM jobs c WHERE c.parent_id = j.id)
            ORDER BY k.priority, k.seq LIMIT ?""");

    /**
     * The first {@code limit} queued jobs of a line, in claim order (priority, then dispatch order): jobs
     * waiting for a predecessor or for their children are left out, jobs not yet due are not.
     */
    public static List<Head> heads(WriteSession s, String line, int limit) throws SQLException {
        PreparedStatement ps = s.prepare(HEADS);
        ps.setString(1, line);
        ps.setInt(2, limit);
        List<Head> heads = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                heads.add(new Head(rs.getLong("seq"), rs.getString("id"), rs.getInt("priority"), rs.getString("queue"),
                        rs.getString("rules"), SqlValues.longOrNull(rs, "run_at")));
            }
        }
        return heads;
    }

    /** The first line after {@code after} (null: the first line), in key order, or null: one index step. */
    public static String nextLine(WriteSession s, String after) throws SQLException {
        PreparedStatement ps = s.prepare(after == null ? "SELECT key FROM job_rule_keys ORDER BY key LIMIT 1"
                : "SELECT key FROM job_rule_keys WHERE key > ? ORDER BY key LIMIT 1");
        if (after != null) {
            ps.setString(1, after);
        }
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString("key") : null;
        }
    }

    /** The lines inside a folder's line (their keys start with it), at most {@code limit}. */
    public static List<String> linesInside(WriteSession s, String folderLine, int limit) throws SQLException {
        PreparedStatement ps = s.prepare(
                "SELECT DISTINCT key FROM job_rule_keys WHERE key > ? AND key < ? ORDER BY key LIMIT ?");
        ps.setString(1, folderLine);
        ps.setString(2, folderLine.substring(0, folderLine.length() - 1) + '0');
        ps.setInt(3, limit);
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                lines.add(rs.getString("key"));
            }
        }
        return lines;
    }

    /** Whether the queued job {@code seq} is still queued. */
    public static boolean isQueued(WriteSession s, long seq) throws SQLException {
        PreparedStatement ps = s.prepare(StoredText.sql(
                "SELECT 1 FROM job_rows WHERE seq = ? AND status = {QUEUED} AND finished_at IS NULL"));
        ps.setLong(1, seq);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** Whether any ruled job is queued (read at open, to know whether the gate has work). */
    public static boolean anyQueued(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(StoredText.sql(
                "SELECT EXISTS (SELECT 1 FROM job_rows WHERE status = {QUEUED} AND finished_at IS NULL AND ruled = 1)"));
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    /** Whether any ruled job is queued, inside a write. */
    public static boolean anyQueuedIn(WriteSession s) throws SQLException {
        PreparedStatement ps = s.prepare(StoredText.sql(
                "SELECT EXISTS (SELECT 1 FROM job_rows WHERE status = {QUEUED} AND finished_at IS NULL AND ruled = 1)"));
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    // ---- the claim of one ruled job ----------------------------------------------------------------------

    private static final String CLAIM_ONE = StoredText.sql("""
            UPDATE job_rows SET status = {RUNNING}, run_count = run_count + 1,
                   started_at = COALESCE(started_at, ?), updated_at = ?
            WHERE seq IN (SELECT j.seq FROM jobs j WHERE j.seq = ? AND j.status = {QUEUED} AND %s)
            RETURNING\s""").formatted(RowCheck.soundActive("j")) + JobColumns.claimedSelect("job_rows");

    /** Marks the queued ruled job {@code seq} running and returns its row, or null if it is not queued (or damaged). */
    public static JobRow claim(WriteSession s, long seq, long now) throws SQLException {
        PreparedStatement ps = s.prepare(CLAIM_ONE);
        ps.setLong(1, now);
        ps.setLong(2, now);
        ps.setLong(3, seq);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? JobColumns.row(rs) : null;
        }
    }

    // ---- rate limits -------------------------------------------------------------------------------------

    /** The starts of a rate limit since {@code since} (epoch ms), oldest first. */
    public static List<Long> recentStarts(WriteSession s, String key, long since) throws SQLException {
        PreparedStatement ps = s.prepare("SELECT at FROM rate_starts WHERE key = ? AND at > ? ORDER BY at");
        ps.setString(1, key);
        ps.setLong(2, since);
        List<Long> starts = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                starts.add(rs.getLong("at"));
            }
        }
        return starts;
    }

    /** Records a start of a rate limit, and forgets its starts at or before {@code forgetBefore}. */
    public static void recordStart(WriteSession s, String key, long at, long seq, long forgetBefore) throws SQLException {
        PreparedStatement forget = s.prepare("DELETE FROM rate_starts WHERE key = ? AND at <= ?");
        forget.setString(1, key);
        forget.setLong(2, forgetBefore);
        forget.executeUpdate();
        PreparedStatement ps = s.prepare("INSERT OR IGNORE INTO rate_starts (key, at, seq) VALUES (?, ?, ?)");
        ps.setString(1, key);
        ps.setLong(2, at);
        ps.setLong(3, seq);
        ps.executeUpdate();
    }

    // ---- tags --------------------------------------------------------------------------------------------

    /** The paused tags. */
    public static Set<String> pausedTags(Connection c) throws SQLException {
        Set<String> tags = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tag FROM paused_tags");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tags.add(rs.getString("tag"));
            }
        }
        return tags;
    }

    /** Marks tags paused (kept across restarts until resumed). */
    public static void pauseTags(WriteSession s, List<String> tags, long now) throws SQLException {
        PreparedStatement ps = s.prepare("INSERT OR IGNORE INTO paused_tags (tag, paused_at) VALUES (?, ?)");
        for (String tag : tags) {
            ps.setString(1, tag);
            ps.setLong(2, now);
            ps.addBatch();
        }
        ps.executeBatch();
    }

    /** Lifts the pause of tags. */
    public static void resumeTags(WriteSession s, List<String> tags) throws SQLException {
        PreparedStatement ps = s.prepare("DELETE FROM paused_tags WHERE tag = ?");
        for (String tag : tags) {
            ps.setString(1, tag);
            ps.addBatch();
        }
        ps.executeBatch();
    }

    private static final String HOLD_TAGGED = StoredText.sql("""
            UPDATE job_rows SET status = {PAUSED}, stop_reason = {PAUSE}
            WHERE id IN (SELECT value FROM json_each(?)) AND status = {QUEUED} AND finished_at IS NULL
              AND EXISTS (SELECT 1 FROM job_tags t JOIN paused_tags p ON p.tag = t.tag WHERE t.seq = job_rows.seq)
            RETURNING id""");

    /** Pauses those of the given new jobs that carry a paused tag; returns their ids. */
    public static List<String> holdPausedTagged(WriteSession s, List<String> ids) throws SQLException {
        PreparedStatement ps = s.prepare(HOLD_TAGGED);
        ps.setString(1, SqlValues.jsonArray(ids));
        List<String> held = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                held.add(rs.getString("id"));
            }
        }
        return held;
    }

    /** Whether the job {@code id} carries a paused tag other than those in {@code lifting}. */
    public static boolean heldByOtherTag(WriteSession s, String id, List<String> lifting) throws SQLException {
        PreparedStatement ps = s.prepare("SELECT 1 FROM job_tags t JOIN paused_tags p ON p.tag = t.tag"
                + " WHERE t.seq = (SELECT seq FROM job_rows WHERE id = ?)"
                + " AND t.tag NOT IN (SELECT value FROM json_each(?)) LIMIT 1");
        ps.setString(1, id);
        ps.setString(2, SqlValues.jsonArray(lifting));
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** The tags of a job as stored (a JSON array text), or null. */
    public static String tagsOf(WriteSession s, String id) throws SQLException {
        PreparedStatement ps = s.prepare("SELECT tags FROM job_rows WHERE id = ?");
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString("tags") : null;
        }
    }

    /** Sorts heads in claim order. */
    public static final Comparator<Head> CLAIM_ORDER = Comparator.comparingInt(Head::priority).thenComparingLong(Head::seq);
}
