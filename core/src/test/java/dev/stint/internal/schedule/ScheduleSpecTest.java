package dev.stint.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScheduleSpecTest {
    private static final long T0 = Instant.parse("2026-12-06T10:00:00Z").toEpochMilli();

    @Test
    void the_stored_form_of_a_schedule_parses_back_to_the_same_spec() {
        Schedule every = Schedule.every(Duration.ofMinutes(15));
        assertThat(ScheduleSpec.parse(every.toString(), every.zone().getId())).isEqualTo(ScheduleSpec.of(every));
        Schedule cron = Schedule.cron("0 2 * * *").inZone(ZoneId.of("Europe/Paris"));
        ScheduleSpec parsed = ScheduleSpec.parse(cron.toString(), cron.zone().getId());
        assertThat(parsed).isInstanceOfSatisfying(ScheduleSpec.Cron.class,
                c -> assertThat(c.zone()).isEqualTo(ZoneId.of("Europe/Paris")));
        assertThat(parsed.first(T0)).isEqualTo(ScheduleSpec.of(cron).first(T0));
    }

    @Test
    void an_interval_runs_first_one_interval_after_creation_and_missed_runs_collapse() {
        ScheduleSpec spec = new ScheduleSpec.Every(Duration.ofMinutes(10));
        assertThat(spec.first(T0)).isEqualTo(T0 + 600_000);
        long due = T0 + 600_000;
        assertThat(spec.nextAfter(due, due)).isEqualTo(due + 600_000);
        // fired 35 minutes late: the next run is the first interval boundary after now
        assertThat(spec.nextAfter(due, due + 35 * 60_000)).isEqualTo(due + 40 * 60_000);
    }

    @Test
    void a_cron_schedule_runs_at_its_next_match_in_its_zone() {
        ScheduleSpec spec = new ScheduleSpec.Cron(CronExpression.parse("0 2 * * *"), ZoneOffset.UTC);
        assertThat(spec.first(T0)).isEqualTo(Instant.parse("2026-12-07T02:00:00Z").toEpochMilli());
        long late = Instant.parse("2026-12-08T09:00:00Z").toEpochMilli();
        assertThat(spec.nextAfter(spec.first(T0), late)).isEqualTo(Instant.parse("2026-12-09T02:00:00Z").toEpochMilli());
    }

    @Test
    void text_in_neither_form_is_refused() {
        assertThatThrownBy(() -> ScheduleSpec.parse("hourly", "UTC")).hasMessageContaining("hourly");
    }
}
