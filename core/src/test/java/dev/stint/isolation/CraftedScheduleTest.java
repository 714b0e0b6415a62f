package dev.stint.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.Library;
import dev.stint.Schedule;
import dev.stint.ScheduleInfo;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.TestCatalog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** A crafted or damaged recurring schedule in jobs.db is disabled; the library still opens and runs jobs. */
class CraftedScheduleTest {
    @TempDir
    Path dir;

    private Library open() {
        return Library.builder(dir).catalog(TestCatalog.all()).useServiceLoader(false).powerSafe(false).open();
    }

    @ParameterizedTest
    @ValueSource(strings = {"every:PT0S", "every:nonsense", "cron:not a cron", "hourly"})
    void a_schedule_that_cannot_be_read_is_disabled_and_the_library_opens(String stored) throws Exception {
        try (Library library = open()) {
            library.schedule("nightly", new CountJob(2, 1, 0, null), Schedule.every(Duration.ofMinutes(1)));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE recurring_jobs SET schedule = ?, next_run_at = 0 WHERE name = 'nightly'")) {
            ps.setString(1, stored);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        try (Library library = open()) {
            assertThat(library.dispatch(new CountJob(3, 1, 0, null)).result().get(20, TimeUnit.SECONDS)).isNotNull();
            ScheduleInfo info = library.schedules().stream().filter(i -> i.name().equals("nightly")).findFirst()
                    .orElseThrow();
            assertThat(info.nextRunAt()).isAfter(Instant.parse("9999-12-31T00:00:00Z"));
            assertThat(library.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
    }
}
