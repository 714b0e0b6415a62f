package dev.stint.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronExpressionTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** The next fire time, in UTC, after a UTC local time. */
    private static LocalDateTime nextUtc(String cron, String after) {
        Instant at = CronExpression.parse(cron).next(LocalDateTime.parse(after).toInstant(ZoneOffset.UTC), UTC);
        return LocalDateTime.ofInstant(at, UTC);
    }

    /** The first {@code count} fire times, as local times in {@code zone}. */
    private static List<String> fires(String cron, ZoneId zone, String after, int count) {
        CronExpression expression = CronExpression.parse(cron);
        Instant at = LocalDateTime.parse(after).atZone(zone).toInstant();
        List<String> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            at = expression.next(at, zone);
            result.add(at.atZone(zone).toOffsetDateTime().toString());
        }
        return result;
    }

    @ParameterizedTest(name = "{0} after {1} fires at {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            * * * * *         | 2026-03-10T10:15:00     | 2026-03-10T10:16
            * * * * *         | 2026-03-10T10:15:59.999 | 2026-03-10T10:16
            * * * * *         | 2026-12-31T23:59:30     | 2027-01-01T00:00
            30 * * * *        | 2026-03-10T10:15:00     | 2026-03-10T10:30
            30 * * * *        | 2026-03-10T10:30:00     | 2026-03-10T11:30
            0 12 * * *        | 2026-03-10T12:00:01     | 2026-03-11T12:00
            5-7 * * * *       | 2026-03-10T10:06:00     | 2026-03-10T10:07
            5-7 * * * *       | 2026-03-10T10:07:00     | 2026-03-10T11:05
            */15 * * * *      | 2026-03-10T10:16:00     | 2026-03-10T10:30
            */15 * * * *      | 2026-03-10T10:45:00     | 2026-03-10T11:00
            10-30/10 * * * *  | 2026-03-10T10:20:00     | 2026-03-10T10:30
            10-30/10 * * * *  | 2026-03-10T10:30:00     | 2026-03-10T11:10
            50/5 * * * *      | 2026-03-10T10:52:00     | 2026-03-10T10:55
            50/5 * * * *      | 2026-03-10T10:55:00     | 2026-03-10T11:50
            1,2,40 * * * *    | 2026-03-10T10:02:00     | 2026-03-10T10:40
            0 9-17/4 * * *    | 2026-03-10T13:00:00     | 2026-03-10T17:00
            0 9-17/4 * * *    | 2026-03-10T17:00:00     | 2026-03-11T09:00
            0 0 1 * *         | 2026-01-31T12:00:00     | 2026-02-01T00:00
            0 0 31 * *        | 2026-04-01T00:00:00     | 2026-05-31T00:00
            0 0 * 6 *         | 2026-03-10T10:00:00     | 2026-06-01T00:00
            0 0 * 1,6 *       | 2026-06-30T00:00:00     | 2027-01-01T00:00
            0 0 * * 1         | 2026-03-10T10:00:00     | 2026-03-16T00:00
            0 0 * * 1-5       | 2026-03-13T10:00:00     | 2026-03-16T00:00
            0 0 * * 0         | 2026-03-10T10:00:00     | 2026-03-15T00:00
            0 0 * * 7         | 2026-03-10T10:00:00     | 2026-03-15T00:00
            0 0 * * 5-7       | 2026-03-13T10:00:00     | 2026-03-14T00:00
            0 0 * * */2       | 2026-03-10T10:00:00     | 2026-03-12T00:00
            """)
    void each_syntax_element_selects_the_expected_next_minute(String cron, String after, String expected) {
        assertThat(nextUtc(cron.strip(), after.strip())).isEqualTo(LocalDateTime.parse(expected.strip()));
    }

    @Test
    void the_result_is_strictly_after_the_start_and_at_second_zero() {
        Instant at = Instant.parse("2026-03-10T10:16:00Z");
        assertThat(CronExpression.parse("* * * * *").next(at, UTC)).isEqualTo("2026-03-10T10:17:00Z");
        assertThat(CronExpression.parse("* * * * *").next(at.minusNanos(1), UTC)).isEqualTo(at);
    }

    @Test
    void month_and_day_names_are_accepted_in_any_case_and_in_ranges() {
        assertThat(nextUtc("0 0 1 jun *", "2026-03-10T10:00")).isEqualTo("2026-06-01T00:00");
        assertThat(nextUtc("0 0 1 JUN-aug *", "2026-07-10T10:00")).isEqualTo("2026-08-01T00:00");
        assertThat(nextUtc("0 0 1 Dec *", "2026-03-10T10:00")).isEqualTo("2026-12-01T00:00");
        assertThat(nextUtc("0 0 * * Sun", "2026-03-10T10:00")).isEqualTo("2026-03-15T00:00");
        assertThat(nextUtc("0 0 * * MON-fri", "2026-03-14T10:00")).isEqualTo("2026-03-16T00:00");
        assertThat(nextUtc("0 0 * * sat,SUN", "2026-03-10T10:00")).isEqualTo("2026-03-14T00:00");
    }

    @ParameterizedTest(name = "{0} after {1} fires at {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            @yearly    | 2026-03-10T10:00 | 2027-01-01T00:00
            @annually  | 2026-03-10T10:00 | 2027-01-01T00:00
            @monthly   | 2026-03-10T10:00 | 2026-04-01T00:00
            @weekly    | 2026-03-10T10:00 | 2026-03-15T00:00
            @daily     | 2026-03-10T10:00 | 2026-03-11T00:00
            @midnight  | 2026-03-10T10:00 | 2026-03-11T00:00
            @hourly    | 2026-03-10T10:00 | 2026-03-10T11:00
            @HOURLY    | 2026-03-10T10:00 | 2026-03-10T11:00
            """)
    void macros_expand_to_their_usual_schedules(String cron, String after, String expected) {
        assertThat(nextUtc(cron, after)).isEqualTo(LocalDateTime.parse(expected));
    }

    @Test
    void to_string_returns_the_original_text() {
        assertThat(CronExpression.parse("*/5  9-17 * * mon-fri")).hasToString("*/5  9-17 * * mon-fri");
        assertThat(CronExpression.parse("@daily")).hasToString("@daily");
    }

    @ParameterizedTest(name = "{0} is rejected with \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            0 25 * * *      | cron field 'hour' has 25, allowed 0-23
            60 * * * *      | cron field 'minute' has 60, allowed 0-59
            0 0 0 * *       | cron field 'day-of-month' has 0, allowed 1-31
            0 0 32 * *      | cron field 'day-of-month' has 32, allowed 1-31
            0 0 * 13 *      | cron field 'month' has 13, allowed 1-12 or JAN-DEC
            0 0 * FOO *     | cron field 'month' has 'FOO', allowed 1-12 or JAN-DEC
            0 0 * * 8       | cron field 'day-of-week' has 8, allowed 0-7 or SUN-SAT
            0 0 * * MONDAY  | cron field 'day-of-week' has 'MONDAY', allowed 0-7 or SUN-SAT
            0 0 * JAN-FEB MON-SUNDAY | cron field 'day-of-week' has 'SUNDAY', allowed 0-7 or SUN-SAT
            0 MON * * *     | cron field 'hour' has 'MON', allowed 0-23
            x * * * *       | cron field 'minute' has 'x', allowed 0-59
            -1 * * * *      | cron field 'minute' has '', allowed 0-59
            +5 * * * *      | cron field 'minute' has '+5', allowed 0-59
            5-3 * * * *     | cron field 'minute' has range 5-3 whose start is after its end
            1-2-3 * * * *   | cron field 'minute' has '2-3', allowed 0-59
            */0 * * * *     | cron field 'minute' has step '0', allowed 1-59
            */60 * * * *    | cron field 'minute' has step '60', allowed 1-59
            */x * * * *     | cron field 'minute' has step 'x', allowed 1-59
            1,,2 * * * *    | cron field 'minute' has an empty list element
            * * * *         | cron expression '* * * *' has 4 fields, expected 5
            * * * * * *     | cron expression '* * * * * *' has 6 fields, expected 5
            @reboot         | unknown cron macro '@reboot'
            """)
    void malformed_expressions_are_rejected_with_a_message_naming_the_field_and_value(String cron, String message) {
        assertThatThrownBy(() -> CronExpression.parse(cron))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void an_empty_expression_is_rejected() {
        assertThatThrownBy(() -> CronExpression.parse("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 0 fields, expected 5");
    }

    @Test
    void when_both_day_fields_are_restricted_a_day_matching_either_fires() {
        // the 13th, or any Friday: Tue 10 Mar 2026 -> Fri 13 Mar -> Fri 20 Mar -> Fri 27 Mar -> Fri 3 Apr
        assertThat(fires("0 0 13 * 5", UTC, "2026-03-10T10:00", 4)).containsExactly(
                "2026-03-13T00:00Z", "2026-03-20T00:00Z", "2026-03-27T00:00Z", "2026-04-03T00:00Z");
        // the 1st, or any Monday: Thu 30 Apr -> Fri 1 May -> Mon 4 May
        assertThat(fires("0 0 1 * MON", UTC, "2026-04-30T10:00", 2)).containsExactly(
                "2026-05-01T00:00Z", "2026-05-04T00:00Z");
    }

    @Test
    void when_only_one_day_field_is_restricted_both_must_match() {
        assertThat(fires("0 0 13 * *", UTC, "2026-03-10T10:00", 2)).containsExactly(
                "2026-03-13T00:00Z", "2026-04-13T00:00Z");
        assertThat(fires("0 0 * * 5", UTC, "2026-03-10T10:00", 2)).containsExactly(
                "2026-03-13T00:00Z", "2026-03-20T00:00Z");
    }

    @Test
    void a_day_field_starting_with_a_star_counts_as_unrestricted_as_in_vixie_cron() {
        // odd days that are also Mondays (AND), not odd days or Mondays (OR)
        assertThat(fires("0 0 */2 * MON", UTC, "2026-03-01T10:00", 3)).containsExactly(
                "2026-03-09T00:00Z", "2026-03-23T00:00Z", "2026-04-13T00:00Z");
    }

    @Test
    void a_leap_day_schedule_waits_for_the_next_february_29() {
        assertThat(nextUtc("0 0 29 2 *", "2026-03-10T10:00")).isEqualTo("2028-02-29T00:00");
        assertThat(nextUtc("0 0 29 2 *", "2028-02-29T00:00")).isEqualTo("2032-02-29T00:00");
        // 2100 is not a leap year: eight years between leap days
        assertThat(nextUtc("0 0 29 2 *", "2096-03-01T00:00")).isEqualTo("2104-02-29T00:00");
    }

    @Test
    void an_impossible_date_never_fires_and_says_so_quickly() {
        CronExpression never = CronExpression.parse("0 0 30 2 *");
        long started = System.nanoTime();
        assertThatThrownBy(() -> never.next(Instant.parse("2026-03-10T10:00:00Z"), UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never fires");
        assertThatThrownBy(() -> CronExpression.parse("0 0 31 4,6,9,11 *").next(Instant.EPOCH, BERLIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never fires");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void a_local_time_in_the_spring_forward_gap_is_skipped() {
        // Berlin, Sun 29 Mar 2026: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist that day
        assertThat(fires("30 2 * * *", BERLIN, "2026-03-28T12:00", 2)).containsExactly(
                "2026-03-30T02:30+02:00", "2026-03-31T02:30+02:00");
        assertThat(fires("*/20 * * * *", BERLIN, "2026-03-29T01:30", 3)).containsExactly(
                "2026-03-29T01:40+01:00", "2026-03-29T03:00+02:00", "2026-03-29T03:20+02:00");
    }

    @Test
    void a_local_time_in_the_fall_back_overlap_fires_once_at_the_earlier_offset() {
        // Berlin, Sun 25 Oct 2026: 03:00 CEST falls back to 02:00 CET, so 02:00-02:59 happens twice
        assertThat(fires("30 2 * * *", BERLIN, "2026-10-24T12:00", 2)).containsExactly(
                "2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00");
        assertThat(fires("*/30 * * * *", BERLIN, "2026-10-25T01:30", 5)).containsExactly(
                "2026-10-25T02:00+02:00", "2026-10-25T02:30+02:00", "2026-10-25T03:00+01:00",
                "2026-10-25T03:30+01:00", "2026-10-25T04:00+01:00");
    }

    @Test
    void a_start_in_the_second_pass_of_an_overlap_does_not_fire_again_for_the_repeated_hour() {
        // 02:10 CET is the second 02:10 of the night; 02:30 already fired at 02:30 CEST
        Instant secondPass = ZonedDateTime.ofStrict(LocalDateTime.parse("2026-10-25T02:10"), ZoneOffset.ofHours(1),
                BERLIN).toInstant();
        Instant next = CronExpression.parse("30 * * * *").next(secondPass, BERLIN);
        assertThat(next.atZone(BERLIN).toOffsetDateTime()).hasToString("2026-10-25T03:30+01:00");
    }

    /** Expressions with independent, hand-written matchers over local time, for the brute-force comparison. */
    private record Case(String cron, Predicate<LocalDateTime> matches) {
    }

    private static final List<Case> CASES = List.of(
            new Case("* * * * *", t -> true),
            new Case("*/7 * * * *", t -> t.getMinute() % 7 == 0),
            new Case("0,30 2 * * *", t -> (t.getMinute() == 0 || t.getMinute() == 30) && t.getHour() == 2),
            new Case("15 1-3 * * *", t -> t.getMinute() == 15 && t.getHour() >= 1 && t.getHour() <= 3),
            new Case("*/20 9-17 * * MON-FRI", t -> t.getMinute() % 20 == 0 && t.getHour() >= 9 && t.getHour() <= 17
                    && t.getDayOfWeek().getValue() <= 5),
            new Case("0 0 13 * FRI", t -> t.getMinute() == 0 && t.getHour() == 0
                    && (t.getDayOfMonth() == 13 || t.getDayOfWeek() == DayOfWeek.FRIDAY)),
            new Case("45 23 * * 6", t -> t.getMinute() == 45 && t.getHour() == 23
                    && t.getDayOfWeek() == DayOfWeek.SATURDAY),
            new Case("0 12 1,15 * *", t -> t.getMinute() == 0 && t.getHour() == 12
                    && (t.getDayOfMonth() == 1 || t.getDayOfMonth() == 15)),
            new Case("5 4 * */2 SUN", t -> t.getMinute() == 5 && t.getHour() == 4 && t.getMonthValue() % 2 == 1
                    && t.getDayOfWeek() == DayOfWeek.SUNDAY),
            new Case("@daily", t -> t.getMinute() == 0 && t.getHour() == 0),
            new Case("30 */3 31 * *", t -> t.getMinute() == 30 && t.getHour() % 3 == 0 && t.getDayOfMonth() == 31));

    @Test
    void next_agrees_with_a_minute_by_minute_reference_in_several_zones() {
        List<ZoneId> zones = List.of(UTC, BERLIN, ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"));
        Random random = new Random(20261123);
        Instant rangeStart = Instant.parse("2020-01-01T00:00:00Z");
        long rangeSeconds = Duration.ofDays(365 * 10).toSeconds();
        List<Instant> starts = new ArrayList<>(List.of(
                Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-10-25T00:10:00Z"),
                Instant.parse("2026-10-25T01:10:30Z")));
        for (int i = 0; i < 4; i++) {
            starts.add(rangeStart.plusSeconds(random.nextLong(rangeSeconds)).plusNanos(random.nextInt(1_000_000_000)));
        }
        for (Case c : CASES) {
            CronExpression expression = CronExpression.parse(c.cron());
            for (ZoneId zone : zones) {
                for (Instant start : starts) {
                    Instant at = start;
                    for (int n = 0; n < 3; n++) {
                        Instant expected = bruteForceNext(c.matches(), at, zone);
                        Instant actual = expression.next(at, zone);
                        assertThat(actual).as("%s in %s after %s", c.cron(), zone, at).isEqualTo(expected);
                        at = actual;
                    }
                }
            }
        }
    }

    /**
     * Walks real instants a minute at a time: a minute fires if its local time matches and it is the first
     * instant with that local time (so an overlap fires once, and a gap's missing local times never appear).
     */
    private static Instant bruteForceNext(Predicate<LocalDateTime> matches, Instant after, ZoneId zone) {
        Instant t = after.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant limit = after.plus(Duration.ofDays(800));
        for (; t.isBefore(limit); t = t.plus(1, ChronoUnit.MINUTES)) {
            LocalDateTime local = LocalDateTime.ofInstant(t, zone);
            if (matches.test(local) && ZonedDateTime.ofLocal(local, zone, null).toInstant().equals(t)) {
                return t;
            }
        }
        throw new AssertionError("reference found no fire time");
    }
}
