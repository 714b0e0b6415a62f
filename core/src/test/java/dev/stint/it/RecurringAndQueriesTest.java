package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stint.DispatchOptions;
import dev.stint.JobCounts;
import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.PruneScope;
import dev.stint.Schedule;
import dev.stint.ScheduleInfo;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.FailingJob;
import dev.stint.jobs.LoggingJob;
import dev.stint.jobs.SlowJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecurringAndQueriesTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(T0);

    private Library.Builder builder() {
        return TestLibraries.builder(dir).clock(clock);
    }

    private static long completedRuns(Library library) {
        return library.query(JobQuery.all().withName("test.count").withStatus(JobStatus.COMPLETED)).size();
    }

    @Test
    void an_interval_schedule_dispatches_a_run_each_interval() throws Exception {
        try (Library library = builder().open()) {
            ScheduleInfo info = library.schedule("tick", new CountJob(2, 1, 0, null), Schedule.every(Duration.ofMinutes(10)));
            assertThat(info.nextRunAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
            clock.advance(Duration.ofMinutes(9));
            assertThat(library.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(completedRuns(library)).isZero();
            for (int i = 1; i <= 3; i++) {
                clock.advance(Duration.ofMinutes(i == 1 ? 1 : 10));
                int expected = i;
                await().atMost(Duration.ofSeconds(10)).until(() -> completedRuns(library) == expected);
            }
            assertThat(library.schedules()).singleElement().satisfies(s -> {
                assertThat(s.nextRunAt()).isEqualTo(T0.plus(Duration.ofMinutes(40)));
                assertThat(s.lastJobId()).isNotNull();
            });
            assertThat(library.job(library.schedules().get(0).lastJobId()).orElseThrow().initiator()).isEqualTo("schedule:tick");
            assertThat(library.unschedule("tick")).isTrue();
            clock.advance(Duration.ofHours(1));
            assertThat(library.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(completedRuns(library)).isEqualTo(3);
        }
    }

    @Test
    void a_cron_schedule_fires_at_its_times_in_its_zone() throws Exception {
        try (Library library = builder().open()) {
            ScheduleInfo info = library.schedule("half-past", new CountJob(1, 1, 0, null),
                    Schedule.cron("30 * * * *").inZone(ZoneOffset.UTC));
            assertThat(info.nextRunAt()).isEqualTo(Instant.parse("2026-11-23T10:30:00Z"));
            clock.advance(Duration.ofMinutes(30));
            await().atMost(Duration.ofSeconds(10)).until(() -> completedRuns(library) == 1);
            assertThat(library.schedules().get(0).nextRunAt()).isEqualTo(Instant.parse("2026-11-23T11:30:00Z"));
        }
        assertThatThrownBy(() -> Schedule.cron("61 * * * *")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minute");
    }

    @Test
    void missed_runs_while_closed_run_once_or_are_skipped_by_policy() throws Exception {
        try (Library library = builder().open()) {
            library.schedule("once", new CountJob(1, 1, 0, null), Schedule.every(Duration.ofMinutes(5)));
            library.schedule("skip", new CountJob(2, 1, 0, null),
                    Schedule.every(Duration.ofMinutes(5)).onMissed(Schedule.MissedRuns.SKIP));
        }
        clock.advance(Duration.ofMinutes(23)); // four runs of each were missed while closed
        try (Library library = builder().open()) {
            assertThat(library.awaitIdle(Duration.ofSeconds(10))).isTrue();
            List<JobInfo> runs = library.query(JobQuery.all().withName("test.count"));
            assertThat(runs).singleElement().satisfies(j -> assertThat(j.initiator()).isEqualTo("schedule:once"));
            // both continue on their original phase
            assertThat(library.schedules()).extracting(ScheduleInfo::nextRunAt)
                    .containsOnly(T0.plus(Duration.ofMinutes(25)));
        }
    }

    @Test
    void a_schedule_never_overlaps_its_previous_run() throws Exception {
        SlowJob.prepare("ov");
        try (Library library = builder().open()) {
            library.schedule("slow", new SlowJob("ov", 1), Schedule.every(Duration.ofMinutes(1)));
            clock.advance(Duration.ofMinutes(1));
            assertThat(SlowJob.awaitReached("ov")).isTrue();
            clock.advance(Duration.ofMinutes(1));
            clock.advance(Duration.ofMinutes(1));
            assertThat(SlowJob.REACHED.get("ov").tryAcquire(200, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(library.query(JobQuery.all().withName("test.slow"))).hasSize(1);
            SlowJob.open("ov");
            assertThat(library.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void queries_filter_by_status_type_queue_and_time_with_paging_and_counts_add_up() throws Exception {
        try (Library library = builder().queue("io", 2).open()) {
            for (int i = 0; i < 5; i++) {
                library.dispatch(new CountJob(1, 1, 0, null)).result().get(10, TimeUnit.SECONDS);
            }
            clock.advance(Duration.ofHours(1));
            library.dispatch(new FailingJob(), DispatchOptions.defaults().withQueue("io"));
            await().atMost(Duration.ofSeconds(10)).until(() -> library.counts().of(JobStatus.FAILED) == 1);
            library.pauseQueue("io");
            String queuedIo = library.dispatch(new CountJob(1, 1, 0, null), DispatchOptions.defaults().withQueue("io")).id();

            assertThat(library.query(JobQuery.all().withStatus(JobStatus.COMPLETED))).hasSize(5);
            assertThat(library.query(JobQuery.all().withQueue("io"))).hasSize(2);
            assertThat(library.query(JobQuery.all().withQueue("io").withStatus(JobStatus.QUEUED)))
                    .singleElement().extracting(JobInfo::id).isEqualTo(queuedIo);
            assertThat(library.query(JobQuery.all().createdBetween(T0.plus(Duration.ofMinutes(30)), null))).hasSize(2);
            assertThat(library.query(JobQuery.all().createdBetween(null, T0.plus(Duration.ofMinutes(30))))).hasSize(5);
            List<JobInfo> page0 = library.query(JobQuery.all().page(0, 3));
            List<JobInfo> page1 = library.query(JobQuery.all().page(1, 3));
            List<JobInfo> page2 = library.query(JobQuery.all().page(2, 3));
            assertThat(page0).hasSize(3);
            assertThat(page1).hasSize(3);
            assertThat(page2).hasSize(1);
            assertThat(page0.get(2).createdAt()).isBeforeOrEqualTo(page1.get(0).createdAt());

            JobCounts counts = library.counts();
            assertThat(counts.of(JobStatus.COMPLETED)).isEqualTo(5);
            assertThat(counts.of(JobStatus.FAILED)).isEqualTo(1);
            assertThat(counts.byQueue().get("io")).containsEntry(JobStatus.QUEUED, 1).containsEntry(JobStatus.FAILED, 1);
            assertThat(counts.byQueue().get("default")).containsEntry(JobStatus.COMPLETED, 5);
            JobInfo failed = library.query(JobQuery.all().withStatus(JobStatus.FAILED)).get(0);
            assertThat(failed.runTime()).isNotNull();
            assertThat(failed.queuedTime()).isPresent();
        }
    }

    @Test
    void history_is_pruned_by_age_and_count_but_failed_jobs_stay_unless_asked() throws Exception {
        String failed;
        try (Library library = builder().historyRetention(Duration.ofDays(7), 1000).open()) {
            for (int i = 0; i < 4; i++) {
                library.dispatch(new CountJob(1, 1, 0, null)).result().get(10, TimeUnit.SECONDS);
            }
            failed = library.dispatch(new FailingJob()).id();
            await().atMost(Duration.ofSeconds(10)).until(() -> library.counts().of(JobStatus.FAILED) == 1);
            assertThat(library.pruneHistory(Duration.ofDays(7), 2, PruneScope.KEEP_FAILED)).isEqualTo(2);
            assertThat(library.history(10)).hasSize(3);
            clock.advance(Duration.ofDays(8));
        }
        // retention applies when the library opens: the old completed jobs go, the failed one stays
        try (Library library = builder().historyRetention(Duration.ofDays(7), 1000).open()) {
            assertThat(library.history(10)).singleElement().extracting(JobInfo::status).isEqualTo(JobStatus.FAILED);
            assertThat(library.pruneHistory(Duration.ofDays(7), 0, PruneScope.INCLUDE_FAILED)).isEqualTo(1);
            assertThat(library.job(failed)).isEmpty();
        }
    }

    @Test
    void job_logs_go_to_a_capped_file_per_job_removed_with_its_history() throws Exception {
        try (Library library = builder().jobLogFiles(10_000).open()) {
            String id = library.dispatch(new LoggingJob()).id();
            library.handle(id).orElseThrow().result().get(10, TimeUnit.SECONDS);
            Path file = library.jobLogFile(id).orElseThrow();
            assertThat(file).startsWith(dir.resolve("logs"));
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).endsWith("INFO line 1 of 3");
            assertThat(lines.get(3)).contains("WARN careful: disk almost full");
            clock.advance(Duration.ofDays(40));
            assertThat(library.pruneHistory(Duration.ofDays(30), 100, PruneScope.KEEP_FAILED)).isEqualTo(1);
            assertThat(file).doesNotExist();
        }
    }
}
