package dev.stint.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stint.DispatchOptions;
import dev.stint.JobEvent;
import dev.stint.JobFailedException;
import dev.stint.JobHandle;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.FlakyJob;
import dev.stint.jobs.StubbornJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wall clock jumps backwards and forwards under a running library (an injected clock that is not a
 * {@code ManualClock}, so the engine's real timers run): a delayed job or a retry never starts
 * before the library's clock reaches its time, and starts once it has.
 */
class ClockJumpTest {
    @TempDir
    Path dir;

    private final JumpingClock clock = new JumpingClock();
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();

    private Library open() {
        Library library = Libraries.builder(dir).clock(clock).open();
        library.subscribe(e -> {
            if (e instanceof JobEvent.StatusChanged sc && sc.to() == JobStatus.RUNNING) {
                startedAt.putIfAbsent(sc.jobId(), clock.instant());
            }
        });
        return library;
    }

    @Test
    void a_delayed_job_waits_out_a_backward_jump_and_starts_once_the_clock_reaches_it() throws Exception {
        try (Library library = open()) {
            JobHandle<CountJob.Result> delayed = library.dispatch(new CountJob(3, 1, 0, null),
                    DispatchOptions.defaults().withDelay(Duration.ofMillis(300)));
            Instant runAt = library.job(delayed.id()).orElseThrow().runAt();
            clock.jump(Duration.ofHours(-1));
            // its timer fires after 300 ms of real time, but by the library's clock the job is an hour early
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                    .until(() -> library.job(delayed.id()).orElseThrow().status() == JobStatus.QUEUED);
            clock.jump(Duration.ofHours(1));
            // a forward jump is noticed at the next wake-up (here a dispatch), not by a timer: see the report
            library.dispatch(new CountJob(1, 1, 0, null));
            assertThat(delayed.result().get(10, TimeUnit.SECONDS).sum()).isEqualTo(6);
            assertThat(startedAt.get(delayed.id())).isAfterOrEqualTo(runAt);
        }
    }

    @Test
    void a_forward_jump_during_a_run_does_not_cut_a_timed_out_job_s_grace_period_short() throws Exception {
        StubbornJob.started = new CountDownLatch(1);
        try (Library library = Libraries.builder(dir).clock(clock).timeoutGrace(Duration.ofSeconds(1)).open()) {
            JobHandle<String> stubborn = library.dispatch(new StubbornJob(),
                    DispatchOptions.defaults().withTimeout(Duration.ofMillis(200)));
            assertThat(StubbornJob.started.await(10, TimeUnit.SECONDS)).isTrue();
            clock.jump(Duration.ofHours(1));
            // it times out after 200 ms and ignores it; it keeps its full second of grace although the clock
            // is now an hour past the end of that grace
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                    .until(() -> library.job(stubborn.id()).orElseThrow().status() == JobStatus.RUNNING);
            assertThatThrownBy(() -> stubborn.result().get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(JobFailedException.class).hasMessageContaining("did not stop");
        }
    }

    @Test
    void a_retry_backoff_is_measured_by_the_library_clock_across_a_backward_jump() throws Exception {
        try (Library library = open()) {
            JobHandle<Map<String, Object>> flaky = library.dispatch(new FlakyJob(1),
                    DispatchOptions.defaults().withMaxAttempts(2).withBackoff(Duration.ofMillis(200)));
            await().atMost(Duration.ofSeconds(10)).until(() -> library.job(flaky.id()).orElseThrow().attempts() == 1
                    && library.job(flaky.id()).orElseThrow().status() == JobStatus.QUEUED);
            Instant retryAt = library.job(flaky.id()).orElseThrow().runAt();
            startedAt.remove(flaky.id());
            clock.jump(Duration.ofHours(-1));
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                    .until(() -> library.job(flaky.id()).orElseThrow().attempts() == 1);
            clock.jump(Duration.ofHours(1));
            library.dispatch(new CountJob(1, 1, 0, null));
            assertThat(flaky.result().get(10, TimeUnit.SECONDS)).containsEntry("attempts", 2);
            assertThat(startedAt.get(flaky.id())).isAfterOrEqualTo(retryAt);
        }
    }
}
