package dev.stint.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Schedule;
import dev.stint.UnknownJobTypeException;
import dev.stint.jobs.CountJob;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed runs of recurring schedules obey the library's history retention like completed jobs; other failed
 * jobs stay until pruned on demand. A schedule whose job type is unknown, firing every millisecond, cannot
 * fill {@code job_history}.
 */
class ScheduleFailureRetentionTest {
    @TempDir
    Path dir;

    @Test
    void failed_schedule_runs_are_pruned_to_the_retention_limit_and_other_failures_stay() throws Exception {
        try (Library library = CraftedFile.builder(dir).open()) {
            library.schedule("flood", new CountJob(1, 1, 0, null), Schedule.every(Duration.ofMinutes(1)));
            library.dispatch(new CountJob(2, 1, 0, null)).result().get(20, TimeUnit.SECONDS);
        }
        try (Connection c = CraftedFile.connect(dir); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO job_rows (id, name, version, status, run_count, created_at, finished_at, initiator,"
                        + " state, updated_at) VALUES (?, 'no.such.job', 1, 'failed', 1, ?, ?, ?, X'', 0)")) {
            for (int i = 0; i < 300; i++) {
                ps.setString(1, "flood-" + i);
                ps.setLong(2, 1_000_000 + i);
                ps.setLong(3, System.currentTimeMillis() - 1000 + i);
                ps.setString(4, i < 290 ? "schedule:flood" : "user");
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // the schedule now names a job type that is not registered and fires every millisecond
        CraftedFile.update(dir, "UPDATE recurring_jobs SET job_name = 'no.such.job', schedule = 'every:PT0.001S',"
                + " next_run_at = 0 WHERE name = 'flood'");
        try (Library library = CraftedFile.builder(dir).historyRetention(Duration.ofDays(30), 20).open()) {
            long scheduleFailures = library.history(10_000).stream()
                    .filter(i -> i.status() == JobStatus.FAILED && "schedule:flood".equals(i.initiator())).count();
            assertThat(scheduleFailures).as("pruned at open to the newest 20 (a run may have failed since)")
                    .isBetween(20L, 20L + 5);
            assertThat(library.history(10_000)).filteredOn(i -> "user".equals(i.initiator())).hasSize(10);
            assertThat(library.history(10_000)).filteredOn(i -> "schedule:flood".equals(i.initiator()))
                    .allSatisfy(i -> assertThat(i.error() == null || i.error().type()
                            .equals(UnknownJobTypeException.class.getName())).isTrue());
            library.unschedule("flood");
            assertThat(library.dispatch(new CountJob(3, 1, 0, null)).result().get(20, TimeUnit.SECONDS)).isNotNull();
        }
        CraftedFile.assertSound(dir);
    }
}
