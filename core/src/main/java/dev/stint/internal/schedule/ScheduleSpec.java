package dev.stint.internal.schedule;

import dev.stint.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * When a recurring schedule runs, parsed once from its stored form ({@code every:PT15M} or
 * {@code cron:0 2 * * *} with a zone): the one place that reads that form and computes the next run.
 */
public sealed interface ScheduleSpec {
    /** A run every {@code interval}. */
    record Every(Duration interval) implements ScheduleSpec {
        public Every {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be > 0, was " + interval);
            }
        }
    }

    /** A run at each instant that {@code expression} matches, read in {@code zone}. */
    record Cron(CronExpression expression, ZoneId zone) implements ScheduleSpec {
    }

    /** The spec of a {@link Schedule} as the application gave it. */
    static ScheduleSpec of(Schedule schedule) {
        return schedule.interval() != null ? new Every(schedule.interval())
                : new Cron(CronExpression.parse(schedule.cron()), schedule.zone());
    }

    /**
     * Parses a stored schedule ({@link Schedule#toString()}) and its zone id.
     *
     * @throws IllegalArgumentException if the text is neither form
     */
    static ScheduleSpec parse(String stored, String zone) {
        if (stored.startsWith("every:")) {
            return new Every(Duration.parse(stored.substring("every:".length())));
        }
        if (stored.startsWith("cron:")) {
            return new Cron(CronExpression.parse(stored.substring("cron:".length())), ZoneId.of(zone));
        }
        throw new IllegalArgumentException("not a stored schedule: " + stored);
    }

    /** The first run of a schedule created at {@code now} (epoch ms). */
    default long first(long now) {
        return switch (this) {
            case Every e -> now + e.interval().toMillis();
            case Cron c -> c.expression().next(Instant.ofEpochMilli(now), c.zone()).toEpochMilli();
        };
    }

    /**
     * The run after the one due at {@code due}, fired at {@code now}: the first after {@code now}, so runs
     * missed meanwhile collapse into the one just fired.
     */
    default long nextAfter(long due, long now) {
        return switch (this) {
            case Every e -> {
                long interval = e.interval().toMillis();
                yield due + ((now - due) / interval + 1) * interval;
            }
            case Cron c -> c.expression().next(Instant.ofEpochMilli(now), c.zone()).toEpochMilli();
        };
    }
}
