package dev.stint;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When a recurring job runs: at a fixed interval or by a cron expression, and what happens to runs that
 * fell due while the library was closed. Immutable.
 *
 * <pre>{@code
 * library.schedule("nightly-backup", new BackupJob(), Schedule.cron("0 2 * * *").onMissed(MissedRuns.RUN_ONCE));
 * library.schedule("refresh", new RefreshJob(), Schedule.every(Duration.ofMinutes(15)));
 * }</pre>
 *
 * <p>A schedule never has two runs active at once: a run that falls due while the previous one is still
 * queued, running or paused is skipped.
 */
public final class Schedule {
    private final Duration interval;
    private final String cron;
    private final ZoneId zone;
    private final MissedRuns missed;

    private Schedule(Duration interval, String cron, ZoneId zone, MissedRuns missed) {
        this.interval = interval;
        this.cron = cron;
        this.zone = zone;
        this.missed = missed;
    }

    /** Every {@code interval}, the first run one interval from now. */
    public static Schedule every(Duration interval) {
        if (interval == null || interval.isNegative() || interval.toMillis() < 1) {
            throw new IllegalArgumentException("interval must be >= 1 ms, was " + interval);
        }
        return new Schedule(interval, null, ZoneId.systemDefault(), MissedRuns.RUN_ONCE);
    }

    /**
     * By a five-field cron expression (minute hour day-of-month month day-of-week; names, ranges, steps,
     * lists and {@code @daily}-style macros), in the system time zone unless {@link #inZone} says otherwise.
     *
     * @throws IllegalArgumentException if the expression is malformed (the message names the field)
     */
    public static Schedule cron(String expression) {
        dev.stint.spi.EngineProvider.get().checkCron(expression);
        return new Schedule(null, expression, ZoneId.systemDefault(), MissedRuns.RUN_ONCE);
    }

    /** The zone a cron expression is read in. */
    public Schedule inZone(ZoneId zone) {
        return new Schedule(interval, cron, Objects.requireNonNull(zone, "zone"), missed);
    }

    /** What to do with runs missed while the library was closed (default {@link MissedRuns#RUN_ONCE}). */
    public Schedule onMissed(MissedRuns policy) {
        return new Schedule(interval, cron, zone, Objects.requireNonNull(policy, "policy"));
    }

    /** The interval, or null for a cron schedule. */
    public Duration interval() {
        return interval;
    }

    /** The cron expression, or null for an interval schedule. */
    public String cron() {
        return cron;
    }

    /** The zone of a cron schedule. */
    public ZoneId zone() {
        return zone;
    }

    /** The missed-run policy. */
    public MissedRuns missedRuns() {
        return missed;
    }

    /** The stored form: {@code every:PT15M} or {@code cron:0 2 * * *}. */
    @Override
    public String toString() {
        return interval != null ? "every:" + interval : "cron:" + cron;
    }

    /** What a recurring schedule does with runs that fell due while its library was closed. */
    public enum MissedRuns {
        /** Run once when the library opens, however many runs were missed, then continue on schedule. */
        RUN_ONCE,
        /** Skip them and continue with the next run on schedule. */
        SKIP
    }
}
