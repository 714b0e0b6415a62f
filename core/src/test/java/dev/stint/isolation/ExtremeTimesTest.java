package dev.stint.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.DispatchOptions;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.TestCatalog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Times far off, from the API or from a crafted row, never wrap around: a delay of centuries stays a delay, the
 * longest timeout a row may hold stays "no timeout in practice", and a sub-millisecond timeout is not stored
 * as 0. (A longer one makes the row damaged: CraftedRowTest.)
 */
class ExtremeTimesTest {
    @TempDir
    Path dir;

    private Library open() {
        return Library.builder(dir).catalog(TestCatalog.all()).useServiceLoader(false).powerSafe(false).open();
    }

    @Test
    void durations_and_times_that_cannot_be_stored_are_refused_naming_the_option() {
        DispatchOptions options = DispatchOptions.defaults();
        assertThatThrownBy(() -> options.withDelay(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay must be at most 1,000 years");
        assertThatThrownBy(() -> options.withTimeout(Duration.ofDays(1_000_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout must be at most");
        assertThatThrownBy(() -> options.withBackoff(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backoff must be at most");
        assertThatThrownBy(() -> options.withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout must be > 0");
        assertThatThrownBy(() -> options.withRunAt(Instant.MAX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runAt must be between");
        assertThatThrownBy(() -> options.withRunAt(Instant.MIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runAt must be between");
    }

    @Test
    void a_delay_of_centuries_is_stored_as_such_and_a_sub_millisecond_timeout_as_one_millisecond() throws Exception {
        try (Library library = open()) {
            Instant before = Instant.now();
            JobHandle<CountJob.Result> far = library.dispatch(new CountJob(2, 1, 0, null),
                    DispatchOptions.defaults().withDelay(Duration.ofDays(365_000)));
            JobInfo info = library.job(far.id()).orElseThrow();
            assertThat(info.runAt()).isAfter(before.plus(Duration.ofDays(364_999)));
            assertThat(info.status()).isEqualTo(JobStatus.QUEUED);

            JobHandle<CountJob.Result> quick = library.dispatch(new CountJob(2, 1, 0, null),
                    DispatchOptions.defaults().withTimeout(Duration.ofNanos(500)).withDelay(Duration.ofDays(1)));
            assertThat(library.job(quick.id()).orElseThrow().timeout()).isEqualTo(Duration.ofMillis(1));

            assertThat(library.dispatch(new CountJob(3, 1, 0, null)).result().get(20, TimeUnit.SECONDS).sum())
                    .isEqualTo(6);
            assertThat(far.status()).isEqualTo(JobStatus.QUEUED);
        }
    }

    @Test
    void the_longest_timeout_a_row_may_hold_does_not_wrap_into_an_instant_timeout() throws Exception {
        String id;
        try (Library library = Library.builder(dir).catalog(TestCatalog.all()).useServiceLoader(false)
                .powerSafe(false).autoStart(false).open()) {
            id = library.dispatch(new CountJob(100, 10, 3_000, null),
                    DispatchOptions.defaults().withTimeout(Duration.ofMinutes(1))).id();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                PreparedStatement ps = c.prepareStatement("UPDATE job_rows SET timeout_ms = ? WHERE id = ?")) {
            ps.setLong(1, 253_402_300_799_999L); // RowCheck.MAX_TIME: longer is a damaged row
            ps.setString(2, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        try (Library library = open()) {
            CountJob.Result result = library.handle(id, CountJob.Result.class).orElseThrow().result()
                    .get(20, TimeUnit.SECONDS);
            assertThat(result.sum()).isEqualTo(5050);
            assertThat(library.job(id).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        }
    }
}
