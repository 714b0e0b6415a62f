package dev.stint.it;

import dev.stint.StopReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stint.DispatchOptions;
import dev.stint.ErrorRecord;
import dev.stint.JobEvent;
import dev.stint.JobFailedException;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.JobTimedOutException;
import dev.stint.Library;
import dev.stint.QueueInfo;
import dev.stint.UniquePolicy;
import dev.stint.UnknownJobTypeException;
import dev.stint.UnknownQueueException;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.FlakyJob;
import dev.stint.jobs.SlowJob;
import dev.stint.jobs.StubbornJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queues, priorities, run-at, retries, timeouts, unique keys: on real jobs.db files, time moved by a manual clock. */
class SchedulingTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(T0);

    private Library.Builder builder() {
        return TestLibraries.builder(dir).clock(clock);
    }

    @Test
    void delayed_job_is_stored_at_once_and_starts_only_when_the_clock_reaches_it() throws Exception {
        try (Library library = builder().open()) {
            JobHandle<CountJob.Result> later = library.dispatch(new CountJob(3, 1, 0, null),
                    DispatchOptions.defaults().withDelay(Duration.ofMinutes(5)));
            JobHandle<CountJob.Result> now = library.dispatch(new CountJob(2, 1, 0, null));
            assertThat(now.result().get(10, TimeUnit.SECONDS).sum()).isEqualTo(3);
            assertThat(library.awaitIdle(Duration.ofMillis(200))).as("a delayed job is pending").isFalse();
            JobInfo info = library.job(later.id()).orElseThrow();
            assertThat(info.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(info.runAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));

            clock.advance(Duration.ofMinutes(4));
            assertThat(later.result().isDone()).isFalse();
            clock.advance(Duration.ofMinutes(1));
            assertThat(later.result().get(10, TimeUnit.SECONDS).sum()).isEqualTo(6);
            assertThat(library.awaitIdle(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void delayed_job_survives_a_restart() throws Exception {
        String id;
        try (Library library = builder().open()) {
            id = library.dispatch(new CountJob(4, 1, 0, null),
                    DispatchOptions.defaults().withRunAt(T0.plus(Duration.ofHours(1)))).id();
        }
        try (Library library = builder().open()) {
            JobHandle<CountJob.Result> handle = library.handle(id, CountJob.Result.class).orElseThrow();
            clock.advance(Duration.ofMinutes(59));
            assertThat(handle.status()).isEqualTo(JobStatus.QUEUED);
            clock.advance(Duration.ofMinutes(1));
            assertThat(handle.result().get(10, TimeUnit.SECONDS).sum()).isEqualTo(10);
        }
    }

    @Test
    void retryable_failures_back_off_exponentially_and_every_attempt_error_is_kept() throws Exception {
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        try (Library library = builder().open()) {
            library.subscribe(events::add);
            JobHandle<Map<String, Object>> handle = library.dispatch(new FlakyJob(2),
                    DispatchOptions.defaults().withMaxAttempts(5).withBackoff(Duration.ofSeconds(10)));
            // attempt 1 fails at once; attempt 2 is due 8..12 s later (10 s +-20%)
            await().atMost(Duration.ofSeconds(10)).until(() -> library.job(handle.id()).orElseThrow().attempts() == 1
                    && library.job(handle.id()).orElseThrow().status() == JobStatus.QUEUED);
            JobInfo waiting = library.job(handle.id()).orElseThrow();
            assertThat(waiting.runAt()).isBetween(T0.plusSeconds(8), T0.plusSeconds(12));
            assertThat(waiting.stopReason()).isEqualTo(StopReason.RETRY);
            assertThat(waiting.attemptErrors()).singleElement().extracting(ErrorRecord::message)
                    .isEqualTo("attempt 1 failed on purpose");
            clock.advance(Duration.ofSeconds(7));
            assertThat(library.job(handle.id()).orElseThrow().attempts()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(5));
            // attempt 2 fails; attempt 3 is due 16..24 s after it
            await().atMost(Duration.ofSeconds(10)).until(() -> library.job(handle.id()).orElseThrow().attempts() == 2
                    && library.job(handle.id()).orElseThrow().status() == JobStatus.QUEUED);
            Instant second = library.job(handle.id()).orElseThrow().runAt();
            assertThat(Duration.between(clock.instant(), second)).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(24));
            clock.advance(Duration.ofSeconds(24));
            assertThat(handle.result().get(10, TimeUnit.SECONDS)).containsEntry("attempts", 3);
            JobInfo done = library.job(handle.id()).orElseThrow();
            assertThat(done.attempts()).isEqualTo(3);
            assertThat(done.attemptErrors()).extracting(ErrorRecord::message)
                    .containsExactly("attempt 1 failed on purpose", "attempt 2 failed on purpose");
            await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().filter(e ->
                    e instanceof JobEvent.StatusChanged sc && sc.to() == JobStatus.QUEUED && sc.error() != null).count() == 2);
        }
    }

    @Test
    void await_idle_never_reports_idle_while_a_retry_is_queued() throws Exception {
        // regression: a run left the running set at its commit but woke the scheduler a moment later, and an
        // idle check in between saw nothing running and nothing changed
        try (Library library = builder().concurrency(8).open()) {
            for (int round = 0; round < 5; round++) {
                List<dev.stint.Job<?>> jobs = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    jobs.add(new FlakyJob(1));
                }
                library.dispatchAll(jobs, DispatchOptions.defaults().withMaxAttempts(2).withBackoff(Duration.ZERO));
                assertThat(library.awaitIdle(Duration.ofSeconds(30))).isTrue();
                assertThat(library.counts().of(JobStatus.COMPLETED)).isEqualTo(100 * (round + 1));
                assertThat(library.activeJobs()).isEmpty();
            }
        }
    }

    @Test
    void a_job_out_of_attempts_fails_and_critical_errors_never_retry() throws Exception {
        try (Library library = builder().open()) {
            JobHandle<Map<String, Object>> flaky = library.dispatch(new FlakyJob(5),
                    DispatchOptions.defaults().withMaxAttempts(2).withBackoff(Duration.ZERO));
            assertThatThrownBy(() -> flaky.result().get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(JobFailedException.class).hasMessageContaining("attempt 2 failed");
            assertThat(library.job(flaky.id()).orElseThrow().attempts()).isEqualTo(2);
            JobHandle<Void> critical = library.dispatch(new dev.stint.jobs.FailingJob(),
                    DispatchOptions.defaults().withMaxAttempts(5));
            assertThatThrownBy(() -> critical.result().get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(JobFailedException.class);
            assertThat(library.job(critical.id()).orElseThrow().attempts()).isEqualTo(1);
        }
    }

    @Test
    void retry_state_survives_a_restart() throws Exception {
        String id;
        try (Library library = builder().open()) {
            id = library.dispatch(new FlakyJob(1),
                    DispatchOptions.defaults().withMaxAttempts(3).withBackoff(Duration.ofMinutes(10))).id();
            await().atMost(Duration.ofSeconds(10)).until(() -> library.job(id).orElseThrow().attempts() == 1
                    && library.job(id).orElseThrow().status() == JobStatus.QUEUED);
        }
        try (Library library = builder().open()) {
            JobHandle<Object> handle = library.handle(id).orElseThrow();
            assertThat(library.awaitIdle(Duration.ofMillis(100))).isFalse();
            assertThat(handle.status()).isEqualTo(JobStatus.QUEUED);
            clock.advance(Duration.ofMinutes(13));
            assertThat(handle.result().get(10, TimeUnit.SECONDS)).isEqualTo(Map.of("attempts", 2));
        }
    }

    @Test
    void queues_have_their_own_concurrency_and_priorities_order_the_queue() throws Exception {
        SlowJob.prepare("q-io");
        try (Library library = builder().concurrency(1).queue("io", 2).open()) {
            // the default queue runs one at a time: hold it with a slow job, then queue by priority
            SlowJob.prepare("q-hold");
            JobHandle<Integer> hold = library.dispatch(new SlowJob("q-hold", 1));
            assertThat(SlowJob.awaitReached("q-hold")).isTrue();
            List<String> order = new CopyOnWriteArrayList<>();
            library.subscribe(e -> {
                if (e instanceof JobEvent.StatusChanged sc && sc.to() == JobStatus.RUNNING) {
                    order.add(sc.jobId());
                }
            });
            String low = library.dispatch(new CountJob(1, 1, 0, null), DispatchOptions.defaults().withPriority(5)).id();
            String high1 = library.dispatch(new CountJob(1, 1, 0, null), DispatchOptions.defaults().withPriority(-1)).id();
            String mid = library.dispatch(new CountJob(1, 1, 0, null)).id();
            String high2 = library.dispatch(new CountJob(1, 1, 0, null), DispatchOptions.defaults().withPriority(-1)).id();
            // two io jobs run beside it at once
            JobHandle<Integer> io1 = library.dispatch(new SlowJob("q-io", 1), DispatchOptions.defaults().withQueue("io"));
            JobHandle<Integer> io2 = library.dispatch(new SlowJob("q-io", 1), DispatchOptions.defaults().withQueue("io"));
            assertThat(SlowJob.awaitReached("q-io")).isTrue();
            assertThat(SlowJob.awaitReached("q-io")).isTrue();
            assertThat(library.queues()).extracting(QueueInfo::name, QueueInfo::concurrency, QueueInfo::running)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("default", 1, 1),
                            org.assertj.core.groups.Tuple.tuple("io", 2, 2));
            SlowJob.open("q-hold");
            SlowJob.open("q-io");
            hold.result().get(10, TimeUnit.SECONDS);
            io1.result().get(10, TimeUnit.SECONDS);
            io2.result().get(10, TimeUnit.SECONDS);
            assertThat(library.awaitIdle(Duration.ofSeconds(10))).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> order.containsAll(List.of(low, high1, mid, high2)));
            List<String> defaultOrder = new ArrayList<>(order);
            defaultOrder.retainAll(List.of(low, high1, mid, high2));
            assertThat(defaultOrder).containsExactly(high1, high2, mid, low);
            assertThat(library.job(io1.id()).orElseThrow().queue()).isEqualTo("io");
            assertThatThrownBy(() -> library.dispatch(new CountJob(1, 1, 0, null),
                    DispatchOptions.defaults().withQueue("nope"))).isInstanceOf(UnknownQueueException.class)
                    .hasMessageContaining("nope").hasMessageContaining("io");
        }
    }

    @Test
    void a_paused_queue_stays_paused_across_a_restart_until_resumed() throws Exception {
        String id;
        try (Library library = builder().queue("io", 1).open()) {
            library.pauseQueue("io");
            id = library.dispatch(new CountJob(3, 1, 0, null), DispatchOptions.defaults().withQueue("io")).id();
            assertThat(library.awaitIdle(Duration.ofSeconds(5))).as("paused queues are not pending").isTrue();
            assertThat(library.job(id).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        }
        try (Library library = builder().queue("io", 1).open()) {
            assertThat(library.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(library.queues()).filteredOn(q -> q.name().equals("io")).singleElement()
                    .satisfies(q -> {
                        assertThat(q.paused()).isTrue();
                        assertThat(q.queued()).isEqualTo(1);
                    });
            library.resumeQueue("io");
            assertThat(library.handle(id, CountJob.Result.class).orElseThrow().result().get(10, TimeUnit.SECONDS)
                    .sum()).isEqualTo(6);
        }
    }

    @Test
    void a_cooperative_job_that_times_out_is_interrupted_and_retried_by_its_policy() throws Exception {
        SlowJob.prepare("t1");
        try (Library library = builder().open()) {
            JobHandle<Integer> handle = library.dispatch(new SlowJob("t1", 1),
                    DispatchOptions.defaults().withTimeout(Duration.ofSeconds(30)).withMaxAttempts(2)
                            .withBackoff(Duration.ofSeconds(1)));
            assertThat(SlowJob.awaitReached("t1")).isTrue();
            clock.advance(Duration.ofSeconds(31));
            await().atMost(Duration.ofSeconds(10)).until(() -> library.job(handle.id()).orElseThrow().status() == JobStatus.QUEUED);
            JobInfo info = library.job(handle.id()).orElseThrow();
            assertThat(info.attemptErrors()).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(JobTimedOutException.class.getName());
                assertThat(e.message()).contains("timed out after PT30S");
            });
            SlowJob.open("t1");
            clock.advance(Duration.ofSeconds(2));
            assertThat(handle.result().get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    @Test
    void a_job_that_ignores_its_timeout_is_abandoned_after_the_grace_period_and_fails() throws Exception {
        StubbornJob.started = new CountDownLatch(1);
        try (Library library = builder().timeoutGrace(Duration.ofSeconds(5)).open()) {
            JobHandle<String> handle = library.dispatch(new StubbornJob(),
                    DispatchOptions.defaults().withTimeout(Duration.ofMinutes(1)));
            assertThat(StubbornJob.started.await(10, TimeUnit.SECONDS)).isTrue();
            clock.advance(Duration.ofMinutes(1));
            assertThat(handle.status()).isEqualTo(JobStatus.RUNNING);
            clock.advance(Duration.ofSeconds(5));
            assertThatThrownBy(() -> handle.result().get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(JobFailedException.class).hasMessageContaining("did not stop");
            assertThat(library.job(handle.id()).orElseThrow().error().type())
                    .isEqualTo(JobTimedOutException.class.getName());
            // the abandoned worker slot is free again
            assertThat(library.dispatch(new CountJob(2, 1, 0, null)).result().get(10, TimeUnit.SECONDS).sum()).isEqualTo(3);
        }
    }

    @Test
    void the_stall_watchdog_flags_a_quiet_running_job_once() throws Exception {
        SlowJob.prepare("st");
        List<JobEvent.Stalled> stalls = new CopyOnWriteArrayList<>();
        try (Library library = builder().stallTimeout(Duration.ofMinutes(2)).open()) {
            library.subscribe(e -> {
                if (e instanceof JobEvent.Stalled s) {
                    stalls.add(s);
                }
            });
            JobHandle<Integer> handle = library.dispatch(new SlowJob("st", 1));
            assertThat(SlowJob.awaitReached("st")).isTrue();
            for (int i = 0; i < 6; i++) {
                clock.advance(Duration.ofMinutes(1));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> stalls.size() == 1);
            assertThat(stalls.get(0).jobId()).isEqualTo(handle.id());
            assertThat(stalls.get(0).quietFor()).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
            SlowJob.open("st");
            handle.result().get(10, TimeUnit.SECONDS);
            assertThat(stalls).hasSize(1);
        }
    }

    @Test
    void unique_keys_keep_replace_or_append_and_are_enforced_by_the_database() throws Exception {
        SlowJob.prepare("u1");
        try (Library library = builder().concurrency(4).open()) {
            DispatchOptions keep = DispatchOptions.defaults().withUniqueKey("index:/photos", UniquePolicy.KEEP_EXISTING);
            JobHandle<Integer> first = library.dispatch(new SlowJob("u1", 1), keep);
            JobHandle<Integer> again = library.dispatch(new SlowJob("u1", 1), keep);
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(SlowJob.awaitReached("u1")).isTrue();

            JobHandle<Integer> appended = library.dispatch(new SlowJob("u1", 1),
                    DispatchOptions.defaults().withUniqueKey("index:/photos", UniquePolicy.APPEND));
            assertThat(SlowJob.REACHED.get("u1").tryAcquire(200, TimeUnit.MILLISECONDS))
                    .as("the appended job waits for the first").isFalse();
            assertThat(library.job(appended.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
            SlowJob.open("u1");
            assertThat(first.result().get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(appended.result().get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(library.job(appended.id()).orElseThrow().startedAt())
                    .isAfterOrEqualTo(library.job(first.id()).orElseThrow().finishedAt());

            library.pauseQueue("default");
            JobHandle<CountJob.Result> old = library.dispatch(new CountJob(1, 1, 0, null),
                    DispatchOptions.defaults().withUniqueKey("k", UniquePolicy.KEEP_EXISTING));
            JobHandle<CountJob.Result> replacement = library.dispatch(new CountJob(2, 1, 0, null),
                    DispatchOptions.defaults().withUniqueKey("k", UniquePolicy.REPLACE));
            assertThat(old.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(library.job(old.id()).orElseThrow().error().message()).contains(replacement.id());
            library.resumeQueue("default");
            assertThat(replacement.result().get(10, TimeUnit.SECONDS).sum()).isEqualTo(3);
        }
        // the database itself refuses two heads for one key
        assertThatThrownBy(() -> RawDb.update(dir, "INSERT INTO job_rows (id, name, version, status, state, created_at,"
                + " updated_at, unique_key) VALUES ('x1', 'n', 1, 'queued', x'80', 0, 0, 'z'), ('x2', 'n', 1, 'queued',"
                + " x'80', 0, 0, 'z')")).hasMessageContaining("UNIQUE");
    }

    @Test
    void dispatch_all_stores_every_job_or_none() throws Exception {
        try (Library library = builder().autoStart(false).open()) {
            List<dev.stint.Job<?>> jobs = new ArrayList<>();
            jobs.add(new CountJob(1, 1, 0, null));
            jobs.add(new dev.stint.Job<Object>() {
                @Override
                public Object run(dev.stint.JobContext ctx) {
                    return null;
                }
            });
            assertThatThrownBy(() -> library.dispatchAll(jobs)).isInstanceOf(UnknownJobTypeException.class);
            assertThat(library.activeJobs()).isEmpty();
            List<JobHandle<Object>> handles = library.dispatchAll(List.of(new CountJob(1, 1, 0, null),
                    new CountJob(2, 1, 0, null)), DispatchOptions.defaults().withInitiator("importer"));
            assertThat(library.activeJobs()).extracting(JobInfo::id)
                    .containsExactly(handles.get(0).id(), handles.get(1).id());
            assertThat(library.activeJobs()).extracting(JobInfo::initiator).containsOnly("importer");
        }
    }

    @Test
    void dispatch_all_keeps_the_output_type_of_jobs_that_share_one() throws Exception {
        try (Library library = builder().open()) {
            List<JobHandle<CountJob.Result>> handles = library.dispatchAll(List.of(new CountJob(3, 1, 0, null),
                    new CountJob(4, 1, 0, null)));
            long first = handles.get(0).result().get(10, TimeUnit.SECONDS).sum();
            long second = handles.get(1).result().get(10, TimeUnit.SECONDS).sum();
            assertThat(first).isEqualTo(6);
            assertThat(second).isEqualTo(10);
        }
    }
}
