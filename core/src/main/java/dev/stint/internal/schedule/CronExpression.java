package dev.stint.internal.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A standard five-field cron expression ({@code minute hour day-of-month month day-of-week}) and the
 * calculation of its next fire time in a time zone.
 *
 * <p>Each field accepts {@code *}, a number, a range {@code a-b}, a step {@code *}{@code /n}, {@code a-b/n} or
 * {@code a/n} (from {@code a} to the field's end), and comma-separated lists of these. The month field also
 * takes {@code JAN}-{@code DEC} and the day-of-week field {@code SUN}-{@code SAT} (any case); day-of-week runs
 * 0-7 where both 0 and 7 are Sunday. The macros {@code @yearly} ({@code @annually}), {@code @monthly},
 * {@code @weekly}, {@code @daily} ({@code @midnight}) and {@code @hourly} stand for their usual expansions.
 *
 * <p>Days follow the Vixie cron rule: when both day-of-month and day-of-week are restricted, a day matches if
 * either matches; a field counts as unrestricted when it starts with {@code *} (so {@code *}{@code /2} is
 * unrestricted for this rule, as in Vixie cron and cronie). Otherwise both must match.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CronExpression {
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    private static final List<String> MONTH_NAMES =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private static final Field MINUTE = new Field("minute", 0, 59, List.of(), 0);
    private static final Field HOUR = new Field("hour", 0, 23, List.of(), 0);
    private static final Field DAY_OF_MONTH = new Field("day-of-month", 1, 31, List.of(), 1);
    private static final Field MONTH = new Field("month", 1, 12, MONTH_NAMES, 1);
    private static final Field DAY_OF_WEEK = new Field("day-of-week", 0, 7, DAY_NAMES, 0);

    /** How far {@link #next} searches before giving up: enough for any Feb 29, even across 2100. */
    private static final int SEARCH_YEARS = 8;

    private final String text;
    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek; // bit 0 = Sunday ... bit 6 = Saturday
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        this.minutes = MINUTE.parse(fields[0]);
        this.hours = HOUR.parse(fields[1]);
        this.daysOfMonth = DAY_OF_MONTH.parse(fields[2]);
        this.months = MONTH.parse(fields[3]);
        long dow = DAY_OF_WEEK.parse(fields[4]);
        this.daysOfWeek = (dow | (dow >>> 7)) & 0x7fL; // 7 is Sunday too
        this.dayOfMonthRestricted = !fields[2].startsWith("*");
        this.dayOfWeekRestricted = !fields[4].startsWith("*");
    }

    /**
     * Parses a five-field cron expression or one of the {@code @} macros.
     *
     * @param text the expression, e.g. {@code "*}{@code /15 9-17 * * MON-FRI"} or {@code "@daily"}
     * @return the parsed expression, whose {@link #toString()} is {@code text}
     * @throws IllegalArgumentException if the text is malformed; the message names the bad field and value,
     *     e.g. {@code cron field 'hour' has 25, allowed 0-23}
     * @throws NullPointerException if {@code text} is null
     */
    public static CronExpression parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        String expanded = trimmed;
        if (trimmed.startsWith("@")) {
            expanded = MACROS.get(trimmed.toLowerCase(Locale.ROOT));
            if (expanded == null) {
                throw new IllegalArgumentException("unknown cron macro '" + trimmed
                        + "', expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly");
            }
        }
        String[] fields = expanded.isEmpty() ? new String[0] : expanded.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("cron expression '" + text + "' has " + fields.length
                    + " fields, expected 5: minute hour day-of-month month day-of-week");
        }
        return new CronExpression(text, fields);
    }

    /**
     * Returns the first fire time strictly after {@code after}, at second 0 of a matching minute of the local
     * time in {@code zone}.
     *
     * <p>Daylight saving time: a matching local time that falls in a spring-forward gap does not exist and is
     * skipped (it does not fire an hour later). A matching local time that occurs twice in a fall-back
     * overlap fires once, at the earlier offset (the first occurrence).
     *
     * @param after the instant to search from (exclusive)
     * @param zone the time zone whose wall-clock time the fields describe
     * @return the next fire time
     * @throws IllegalArgumentException with message "never fires" if no fire time exists within eight years,
     *     which happens only for impossible dates such as {@code 0 0 30 2 *}
     * @throws java.time.DateTimeException if the search passes the supported range of {@link LocalDateTime}
     */
    public Instant next(Instant after, ZoneId zone) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(zone, "zone");
        LocalDateTime from = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        int lastYear = from.getYear() + SEARCH_YEARS;
        while (true) {
            LocalDateTime local = nextLocal(from, lastYear);
            // an empty list means a gap (the local time does not exist); ofLocal would shift it, so skip it
            if (!zone.getRules().getValidOffsets(local).isEmpty()) {
                // in an overlap ofLocal picks the earlier offset, i.e. the first occurrence
                Instant at = ZonedDateTime.ofLocal(local, zone, null).toInstant();
                // in an overlap, a later local time may map to an instant before `after`: keep looking
                if (at.isAfter(after)) {
                    return at;
                }
            }
            from = local.plusMinutes(1);
        }
    }

    /** The first matching local time at or after {@code t}, jumping field by field. */
    private LocalDateTime nextLocal(LocalDateTime t, int lastYear) {
        while (true) {
            if (t.getYear() > lastYear) {
                throw new IllegalArgumentException("cron expression '" + text + "' never fires");
            }
            int month = nextBit(months, t.getMonthValue());
            if (month < 0) {
                t = LocalDateTime.of(t.getYear() + 1, 1, 1, 0, 0);
                continue;
            }
            if (month != t.getMonthValue()) {
                t = LocalDateTime.of(t.getYear(), month, 1, 0, 0);
            }
            if (!dayMatches(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
                continue;
            }
            int hour = nextBit(hours, t.getHour());
            if (hour < 0) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
                continue;
            }
            if (hour != t.getHour()) {
                t = t.toLocalDate().atTime(hour, 0);
            }
            int minute = nextBit(minutes, t.getMinute());
            if (minute < 0) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            return t.withMinute(minute);
        }
    }

    private boolean dayMatches(LocalDate date) {
        boolean dom = (daysOfMonth & (1L << date.getDayOfMonth())) != 0;
        boolean dow = (daysOfWeek & (1L << (date.getDayOfWeek().getValue() % 7))) != 0;
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    /** The lowest set bit at or above {@code from}, or -1. */
    private static int nextBit(long mask, int from) {
        long rest = mask & (-1L << from);
        return rest == 0 ? -1 : Long.numberOfTrailingZeros(rest);
    }

    /**
     * Returns the text this expression was parsed from, unchanged (macros are not expanded).
     *
     * @return the original text
     */
    @Override
    public String toString() {
        return text;
    }

    /** One field's name, bounds and optional names, and its parser into a bit mask. */
    private record Field(String name, int min, int max, List<String> names, int nameBase) {
        long parse(String spec) {
            long mask = 0;
            for (String part : spec.split(",", -1)) {
                mask |= parsePart(part);
            }
            return mask;
        }

        private long parsePart(String part) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("cron field '" + name + "' has an empty list element");
            }
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = parseStep(part.substring(slash + 1));
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-');
                if (dash >= 0) {
                    from = value(range.substring(0, dash));
                    to = value(range.substring(dash + 1));
                    if (from > to) {
                        throw new IllegalArgumentException("cron field '" + name + "' has range " + range
                                + " whose start is after its end");
                    }
                } else {
                    from = value(range);
                    to = slash >= 0 ? max : from;
                }
            }
            long mask = 0;
            for (int v = from; v <= to; v += step) {
                mask |= 1L << v;
            }
            return mask;
        }

        private int parseStep(String text) {
            int largest = max - min;
            if (!isNumber(text) || Integer.parseInt(text) < 1 || Integer.parseInt(text) > largest) {
                throw new IllegalArgumentException("cron field '" + name + "' has step '" + text + "', allowed 1-"
                        + largest);
            }
            return Integer.parseInt(text);
        }

        private int value(String text) {
            int index = names.indexOf(text.toUpperCase(Locale.ROOT));
            if (index >= 0) {
                return index + nameBase;
            }
            if (!isNumber(text)) {
                throw new IllegalArgumentException("cron field '" + name + "' has '" + text + "', allowed "
                        + allowed());
            }
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("cron field '" + name + "' has " + value + ", allowed "
                        + allowed());
            }
            return value;
        }

        /** One to four ASCII digits, so parsing cannot overflow and signs or spaces are not accepted. */
        private static boolean isNumber(String text) {
            return text.matches("[0-9]{1,4}");
        }

        private String allowed() {
            String numbers = min + "-" + max;
            return names.isEmpty() ? numbers : numbers + " or " + names.getFirst() + "-" + names.getLast();
        }
    }
}
