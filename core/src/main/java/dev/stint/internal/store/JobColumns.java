package dev.stint.internal.store;

import dev.stint.JobStatus;
import dev.stint.StopReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one list of a job row's columns. Owns, per field of {@link JobRow}: the name every read gives it in a
 * result (the constant's name in lower case), what an active job reads for it, whether {@code job_history}
 * keeps it (and what the move to history writes there) or what a history row reads instead. Every select of
 * a job row (active, history, the claim's {@code RETURNING}), the copy from {@code jobs} to
 * {@code job_history} and {@link #row} are built from this list: a column added here is added everywhere.
 *
 * <p>The active expression names the job's row {@code %1$s}: a table alias in a query, or {@code jobs} in a
 * {@code RETURNING} clause (which reads other tables only in subqueries). The move to history copies from
 * the job {@code j} and the values of the move {@code d} ({@link History} binds them).
 */
enum JobColumns {
    SEQ(kept()),
    ID(kept()),
    NAME(kept()),
    VERSION(kept()),
    STATUS(keptAs("d.status")),
    STATE(notKept("NULL")),
    CHECKPOINT("(SELECT c.state FROM job_checkpoints c WHERE c.job_id = %1$s.id)", notKept("NULL")),
    CHECKPOINTS("COALESCE((SELECT c.count FROM job_checkpoints c WHERE c.job_id = %1$s.id), 0)", kept()),
    PROGRESS(keptAs("COALESCE(d.progress, j.progress)")),
    ERRORS(keptAs("COALESCE(d.errors, j.errors)")),
    OUTPUT("NULL", keptAs("d.output")),
    ERROR("NULL", keptAs("d.error")),
    RUN_COUNT(kept()),
    STOP_REASON(notKept("NULL")),
    CREATED_AT(kept()),
    STARTED_AT(kept()),
    FINISHED_AT("NULL", keptAs("d.finished_at")),
    UPDATED_AT(notKept("h.finished_at")),
    QUEUE(kept()),
    PRIORITY(kept()),
    RUN_AT(kept()),
    // history counts the attempt that just ended (if the job ever ran)
    ATTEMPTS(keptAs("j.attempts + (CASE WHEN j.run_count > 0 THEN 1 ELSE 0 END)")),
    MAX_ATTEMPTS(kept()),
    BACKOFF_MS(notKept("0")),
    TIMEOUT_MS(kept()),
    UNIQUE_KEY(kept()),
    AFTER_ID(notKept("NULL")),
    PARENT_ID(kept()),
    INITIATOR(kept()),
    ATTEMPT_ERRORS(keptAs("COALESCE(d.attempt_errors, j.attempt_errors)")),
    RUN_MS(keptAs("j.run_ms + d.run_ms")),
    RESULTS(kept()),
    STEPS("(SELECT count(*) FROM job_steps st WHERE st.job_id = %1$s.id)", kept()),
    RETRY_OF(kept()),
    RULES(kept()),
    TAGS(kept()),
    WEIGHT(kept()),
    // what is wrong with the row (see RowCheck), or NULL; which table it is in
    DAMAGE(RowCheck.active("%1$s"), notKept(RowCheck.history("h"))),
    IN_HISTORY("0", notKept("1"));

    /**
     * A column as {@code job_history} holds it.
     *
     * @param kept whether {@code job_history} has a column of this name
     * @param expression if kept, what the move to history writes (null: the active expression over
     *     {@code j}); if not, what a history row reads instead
     */
    record InHistory(boolean kept, String expression) {
    }

    private static InHistory kept() {
        return new InHistory(true, null);
    }

    private static InHistory keptAs(String moved) {
        return new InHistory(true, moved);
    }

    private static InHistory notKept(String readAs) {
        return new InHistory(false, readAs);
    }

    private final String column;
    private final String active;
    private final InHistory history;

    /** A column the jobs table holds under the same name. */
    JobColumns(InHistory history) {
        this(null, history);
    }

    JobColumns(String active, InHistory history) {
        this.column = name().toLowerCase(Locale.ROOT);
        this.active = active == null ? "%1$s." + column : active;
        this.history = history;
    }

    /** The name this column has in every result that reads a job row. */
    String column() {
        return column;
    }

    /** What an active job reads for this column, {@code row} naming the job's row. */
    String active(String row) {
        return active.formatted(row);
    }

    /** What a history row reads for this column (its {@code job_history} column is {@code h}'s). */
    String history() {
        return history.kept() ? "h." + column : history.expression();
    }

    /** Whether {@code job_history} has a column of this name. */
    boolean keptInHistory() {
        return history.kept();
    }

    /** What a job's finish writes into this column ({@code j}: the job's row, {@code d}: the finish). */
    String moved() {
        if (!history.kept()) {
            throw new IllegalStateException(column + " is not kept in job_history");
        }
        return history.expression() == null ? active("j") : history.expression();
    }

    /** The select list of an active job's row, {@code row} naming it (see {@link JobColumns}). */
    static String activeSelect(String row) {
        return Arrays.stream(values()).map(c -> c.active(row) + " AS " + c.column)
                .collect(Collectors.joining(", "));
    }

    /**
     * The select list of a row the claim has just taken ({@code RETURNING}): like {@link #activeSelect}, but
     * without the damage check, which the claim's own filter has already passed ({@link RowCheck}).
     */
    static String claimedSelect(String row) {
        return Arrays.stream(values()).map(c -> claimed(c, row) + " AS " + c.column).collect(Collectors.joining(", "));
    }

    /**
     * What a just-claimed row reads for {@code c}. A first run ({@code run_count} now 1) has no checkpoint and no
     * steps: both are written only while a job runs, and a claim whose run never started gives its run back
     * ({@link ActiveJobs#unclaim}). So a first run skips their lookups, the common case of the claim.
     */
    private static String claimed(JobColumns c, String row) {
        return switch (c) {
            // a run needs none of these: a ruled job's rules are known to the gate that claims it
            case DAMAGE, RULES, TAGS, WEIGHT -> "NULL";
            case CHECKPOINT -> "CASE WHEN " + row + ".run_count > 1 THEN " + c.active(row) + " END";
            case CHECKPOINTS, STEPS -> "CASE WHEN " + row + ".run_count > 1 THEN " + c.active(row) + " ELSE 0 END";
            default -> c.active(row);
        };
    }

    /**
     * The select list of an active job's row as the application reads it ({@link JobReads}): like
     * {@link #activeSelect}, but the initial state and the latest checkpoint, which only a run needs and
     * which can be large, read as NULL.
     */
    static String activeReadSelect(String row) {
        return Arrays.stream(values()).map(c -> (c == STATE || c == CHECKPOINT ? "NULL" : c.active(row)) + " AS " + c.column)
                .collect(Collectors.joining(", "));
    }

    /** The select list of a history row, {@code h} naming it. */
    static String historySelect() {
        return Arrays.stream(values()).map(c -> c.history() + " AS " + c.column).collect(Collectors.joining(", "));
    }

    /**
     * What a job's finish writes into its own row ({@code j}), from the values of the finish {@code d}: one
     * {@code column = expression} per column that {@code job_history} reads differently from the active job (a
     * terminal status, output, error, finish time, the attempt that just ended, the counts of its checkpoints
     * and steps, which leave with their side rows).
     */
    static String finishAssignments() {
        return Arrays.stream(values()).filter(JobColumns::keptInHistory)
                .filter(c -> c.history.expression() != null || !c.active("j").equals("j." + c.column))
                .map(c -> c.column + " = " + c.moved()).collect(Collectors.joining(", "));
    }

    /**
     * Reads the current row of a result selected through this list, by column name. Never fails on what a
     * row holds: a damaged row (see {@link RowCheck}) reads with its problems, a stand-in id when it has
     * none ({@code jobs#seq}, {@code job_history#seq}), a status it cannot be run from when its own is
     * unknown ({@link #fallbackStatus}) and an empty queue name when it has none.
     */
    static JobRow row(ResultSet rs) throws SQLException {
        long seq = rs.getLong(SEQ.column);
        boolean inHistory = rs.getInt(IN_HISTORY.column) == 1;
        String id = rs.getString(ID.column);
        String name = rs.getString(NAME.column);
        String queue = rs.getString(QUEUE.column);
        return new JobRow(
                seq,
                id != null ? id : (inHistory ? "job_history#" : "jobs#") + seq,
                name == null ? "" : name,
                rs.getInt(VERSION.column),
                status(rs.getString(STATUS.column), inHistory),
                rs.getBytes(STATE.column),
                rs.getBytes(CHECKPOINT.column),
                rs.getInt(CHECKPOINTS.column),
                rs.getBytes(PROGRESS.column),
                rs.getBytes(ERRORS.column),
                rs.getBytes(OUTPUT.column),
                rs.getBytes(ERROR.column),
                rs.getInt(RUN_COUNT.column),
                stopReason(rs.getString(STOP_REASON.column)),
                rs.getLong(CREATED_AT.column),
                SqlValues.longOrNull(rs, STARTED_AT.column),
                SqlValues.longOrNull(rs, FINISHED_AT.column),
                rs.getLong(UPDATED_AT.column),
                queue == null ? "" : queue,
                rs.getInt(PRIORITY.column),
                SqlValues.longOrNull(rs, RUN_AT.column),
                rs.getInt(ATTEMPTS.column),
                rs.getInt(MAX_ATTEMPTS.column),
                rs.getLong(BACKOFF_MS.column),
                SqlValues.longOrNull(rs, TIMEOUT_MS.column),
                rs.getString(UNIQUE_KEY.column),
                rs.getString(AFTER_ID.column),
                rs.getString(PARENT_ID.column),
                rs.getString(INITIATOR.column),
                rs.getBytes(ATTEMPT_ERRORS.column),
                rs.getLong(RUN_MS.column),
                rs.getBytes(RESULTS.column),
                rs.getInt(STEPS.column),
                rs.getString(RETRY_OF.column),
                rs.getString(RULES.column),
                rs.getString(TAGS.column),
                SqlValues.doubleOrNull(rs, WEIGHT.column),
                inHistory,
                RowCheck.problems(rs.getString(DAMAGE.column)));
    }

    /**
     * A stored status; one this version does not know (a crafted file: the row is damaged) reads as one the
     * row cannot run from: {@code paused} for an active row, {@code failed} for a row in history.
     */
    static JobStatus status(String stored, boolean inHistory) {
        if (stored != null) {
            for (JobStatus s : JobStatus.values()) {
                if (s.wireName().equals(stored) && s.isTerminal() == inHistory) {
                    return s;
                }
            }
        }
        return fallbackStatus(inHistory);
    }

    /** The status a row whose own status is unknown reads as. */
    static JobStatus fallbackStatus(boolean inHistory) {
        return inHistory ? JobStatus.FAILED : JobStatus.PAUSED;
    }

    /** A stored stop reason; one this version does not know (a crafted file: the row is damaged) reads as none. */
    private static StopReason stopReason(String stored) {
        if (stored != null) {
            for (StopReason r : StopReason.values()) {
                if (r.wireName().equals(stored)) {
                    return r;
                }
            }
        }
        return null;
    }
}
