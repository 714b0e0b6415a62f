package dev.stint.internal.store;

import dev.stint.JobStatus;
import dev.stint.StopReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What makes a stored job row usable: its key columns present, of their type and in range. {@code jobs.db}
 * is untrusted input; a row that fails these checks is <em>damaged</em>: it is read (and listed) with its
 * problems, never claimed, never counted as pending, and nothing else about the library depends on it.
 *
 * <p>The checks are SQL expressions, so that claims and the scheduler's questions exclude damaged rows in the
 * statement itself, and every read of a row carries its problems ({@link JobColumns#DAMAGE}) as
 * {@code "problem; problem"} text, or NULL for a sound row.
 *
 * <p>Times (epoch milliseconds) must lie from 1970 to the end of year 9999; counters from 0 to
 * {@link Integer#MAX_VALUE}; durations from 0 to the same bound as times. A {@code run_at} past 9999 is
 * damage, not a delay: no dispatch writes one, and a run that waits for it would never end.
 */
public final class RowCheck {
    /** The latest time a row may hold: 9999-12-31T23:59:59.999Z. */
    public static final long MAX_TIME = 253_402_300_799_999L;
    /** The separator of problems in the {@link JobColumns#DAMAGE} text. */
    static final String SEPARATOR = "; ";

    private RowCheck() {
    }

    /** The problems of a {@code jobs} row named {@code r}, or NULL. */
    static String active(String r) {
        return join(activeChecks(r));
    }

    private static List<Check> activeChecks(String r) {
        List<Check> checks = new ArrayList<>();
        checks.add(when(missingText(r + ".id") + " OR " + r + ".id = ''", "id is missing"));
        checks.add(when(missingText(r + ".name"), "name is missing"));
        checks.add(when(notInt(r + ".version", 0, Integer.MAX_VALUE), "version is out of range"));
        checks.add(when(notIn(r + ".status", JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.PAUSED),
                "status is not queued, running or paused"));
        checks.add(when(r + ".stop_reason IS NOT NULL AND " + r + ".stop_reason NOT IN (" + stopReasons() + ")",
                "stop_reason is unknown"));
        checks.add(when(r + ".state IS NULL", "state is missing"));
        checks.add(when(notInt(r + ".run_count", 0, Integer.MAX_VALUE), "run_count is out of range"));
        checks.add(when(notInt(r + ".created_at", 0, MAX_TIME), "created_at is out of range"));
        checks.add(when(notInt(r + ".updated_at", 0, MAX_TIME), "updated_at is out of range"));
        checks.add(when(nullOr(r + ".started_at", notInt(r + ".started_at", 0, MAX_TIME)), "started_at is out of range"));
        checks.add(when(missingText(r + ".queue"), "queue is missing"));
        checks.add(when(notInt(r + ".priority", Integer.MIN_VALUE, Integer.MAX_VALUE), "priority is out of range"));
        checks.add(when(nullOr(r + ".run_at", notInt(r + ".run_at", 0, MAX_TIME)), "run_at is out of range"));
        checks.add(when(notInt(r + ".attempts", 0, Integer.MAX_VALUE), "attempts is out of range"));
        checks.add(when(notInt(r + ".max_attempts", 1, Integer.MAX_VALUE), "max_attempts is out of range"));
        checks.add(when(notInt(r + ".backoff_ms", 0, MAX_TIME), "backoff_ms is out of range"));
        checks.add(when(nullOr(r + ".timeout_ms", notInt(r + ".timeout_ms", 1, MAX_TIME)), "timeout_ms is out of range"));
        checks.add(when(notInt(r + ".run_ms", 0, MAX_TIME), "run_ms is out of range"));
        for (String c : List.of("unique_key", "after_id", "parent_id", "initiator", "retry_of")) {
            checks.add(when(nullOr(r + "." + c, "typeof(" + r + "." + c + ") <> 'text'"), c + " is not text"));
        }
        return checks;
    }

    /** The problems of a {@code job_history} row named {@code h}, or NULL. */
    static String history(String h) {
        List<Check> checks = new ArrayList<>();
        checks.add(when(missingText(h + ".id") + " OR " + h + ".id = ''", "id is missing"));
        checks.add(when(missingText(h + ".name"), "name is missing"));
        checks.add(when(notInt(h + ".version", 0, Integer.MAX_VALUE), "version is out of range"));
        checks.add(when(notIn(h + ".status", JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED),
                "status is not completed, failed or cancelled"));
        checks.add(when(notInt(h + ".run_count", 0, Integer.MAX_VALUE), "run_count is out of range"));
        checks.add(when(notInt(h + ".checkpoints", 0, Integer.MAX_VALUE), "checkpoints is out of range"));
        checks.add(when(notInt(h + ".steps", 0, Integer.MAX_VALUE), "steps is out of range"));
        checks.add(when(notInt(h + ".created_at", 0, MAX_TIME), "created_at is out of range"));
        checks.add(when(nullOr(h + ".started_at", notInt(h + ".started_at", 0, MAX_TIME)), "started_at is out of range"));
        checks.add(when(notInt(h + ".finished_at", 0, MAX_TIME), "finished_at is out of range"));
        checks.add(when(missingText(h + ".queue"), "queue is missing"));
        checks.add(when(notInt(h + ".priority", Integer.MIN_VALUE, Integer.MAX_VALUE), "priority is out of range"));
        checks.add(when(nullOr(h + ".run_at", notInt(h + ".run_at", 0, MAX_TIME)), "run_at is out of range"));
        checks.add(when(notInt(h + ".attempts", 0, Integer.MAX_VALUE), "attempts is out of range"));
        checks.add(when(notInt(h + ".max_attempts", 1, Integer.MAX_VALUE), "max_attempts is out of range"));
        checks.add(when(nullOr(h + ".timeout_ms", notInt(h + ".timeout_ms", 1, MAX_TIME)), "timeout_ms is out of range"));
        checks.add(when(notInt(h + ".run_ms", 0, MAX_TIME), "run_ms is out of range"));
        for (String c : List.of("unique_key", "parent_id", "initiator", "retry_of")) {
            checks.add(when(nullOr(h + "." + c, "typeof(" + h + "." + c + ") <> 'text'"), c + " is not text"));
        }
        return join(checks);
    }

    /** A condition that holds for a sound {@code jobs} row named {@code r} (claims and the scheduler use it). */
    static String soundActive(String r) {
        // the checks alone, without the problems text that only a listing needs
        return "NOT (" + activeChecks(r).stream().map(Check::condition).collect(Collectors.joining(" OR ")) + ")";
    }

    /** The problems in a {@link JobColumns#DAMAGE} text, or an empty list for NULL. */
    static List<String> problems(String damage) {
        if (damage == null || damage.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(damage.split(SEPARATOR)).filter(p -> !p.isBlank()).toList();
    }

    /** One check: a condition that holds (never NULL) when the row has the problem. */
    private record Check(String condition, String problem) {
    }

    private static Check when(String condition, String problem) {
        return new Check("(" + condition + ")", problem);
    }

    /**
     * NULL when no check holds (one pass of cheap comparisons for a sound row, the common case); otherwise the
     * problems, each followed by the separator.
     */
    private static String join(List<Check> checks) {
        String any = checks.stream().map(Check::condition).collect(Collectors.joining(" OR "));
        String problems = checks.stream()
                .map(c -> "CASE WHEN " + c.condition() + " THEN '" + c.problem() + SEPARATOR + "' ELSE '' END")
                .collect(Collectors.joining(" || "));
        return "CASE WHEN " + any + " THEN " + problems + " END";
    }

    private static String missingText(String column) {
        return "typeof(" + column + ") <> 'text'";
    }

    /**
     * NULL, text, a blob or a number outside {@code [min, max]}: SQLite orders every number before any text
     * and any blob, so one {@code BETWEEN} (cheaper than a {@code typeof} call) rejects them all. A fraction
     * within the range passes; it reads as its integer part.
     */
    private static String notInt(String column, long min, long max) {
        return "(" + column + " BETWEEN " + min + " AND " + max + ") IS NOT 1";
    }

    private static String nullOr(String column, String condition) {
        return "(" + column + " IS NOT NULL AND " + condition + ")";
    }

    private static String notIn(String column, JobStatus... statuses) {
        return "(" + column + " IS NULL OR " + column + " NOT IN ("
                + Arrays.stream(statuses).map(s -> "'" + s.wireName() + "'").collect(Collectors.joining(", ")) + "))";
    }

    private static String stopReasons() {
        return Arrays.stream(StopReason.values()).map(s -> "'" + s.wireName() + "'").collect(Collectors.joining(", "));
    }
}
