package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobEvent;
import dev.stint.JobHandle;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Progress;
import dev.stint.jobs.ChattyJob;
import dev.stint.jobs.CountJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressDeliveryTest {
    @TempDir
    Path dir;

    @Test
    void ten_million_reports_deliver_a_bounded_number_of_updates_and_the_final_value() throws Exception {
        long times = 10_000_000;
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        try (Library library = TestLibraries.builder(dir).progressInterval(Duration.ofMillis(50)).open()) {
            library.subscribe(e -> {
                events.add(e);
                threads.add(Thread.currentThread());
            });
            long start = System.nanoTime();
            JobHandle<Long> handle = library.dispatch(new ChattyJob(times));
            assertThat(handle.result().get(60, TimeUnit.SECONDS)).isEqualTo(times);
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(library.awaitIdle(Duration.ofSeconds(5))).isTrue();
            // events are delivered on the event thread, after the result completes
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> indexOfStatus(events, JobStatus.COMPLETED) >= 0);

            List<Progress> updates = events.stream().filter(e -> e instanceof JobEvent.ProgressUpdated)
                    .map(e -> ((JobEvent.ProgressUpdated) e).progress()).toList();
            // at most one update per 50 ms interval, plus the final flush
            assertThat((long) updates.size()).isBetween(1L, elapsedMillis / 50 + 3);
            assertThat(updates.getLast()).isEqualTo(new Progress.Count(times, times));
            // the final value arrives before the status change, and updates never go backwards
            int completedAt = indexOfStatus(events, JobStatus.COMPLETED);
            int lastProgressAt = events.lastIndexOf(events.stream()
                    .filter(e -> e instanceof JobEvent.ProgressUpdated).reduce((a, b) -> b).orElseThrow());
            assertThat(lastProgressAt).isLessThan(completedAt);
            long previous = -1;
            for (Progress p : updates) {
                long done = ((Progress.Count) p).done();
                assertThat(done).isGreaterThan(previous);
                previous = done;
            }
            assertThat(threads).allSatisfy(t -> assertThat(t.getName()).startsWith("stint-events-"));
            assertThat(library.job(handle.id()).orElseThrow().progress()).isEqualTo(new Progress.Count(times, times));
        }
    }

    @Test
    void the_final_progress_value_is_delivered_on_pause_and_stored() throws Exception {
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        try (Library library = TestLibraries.builder(dir).progressInterval(Duration.ofSeconds(30)).autoStart(false)
                .open()) {
            JobHandle<CountJob.Result> handle = library.dispatch(new CountJob(1_000_000, 1_000_000, 100, null));
            handle.subscribe(events::add); // before the job can start: the one early update must not be missed
            library.start();
            // the 30 s interval lets the first update through and holds back every later one...
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.stream().anyMatch(e -> e instanceof JobEvent.ProgressUpdated));
            handle.pause();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> indexOfStatus(events, JobStatus.PAUSED) >= 0);
            // ...until the pause flushes the latest one, which is also what jobs.db holds
            Progress stored = library.job(handle.id()).orElseThrow().progress();
            List<Progress> updates = events.stream().filter(e -> e instanceof JobEvent.ProgressUpdated)
                    .map(e -> ((JobEvent.ProgressUpdated) e).progress()).toList();
            assertThat(updates).hasSize(2);
            assertThat(updates.getLast()).isEqualTo(stored);
            assertThat(((Progress.Count) stored).done()).isGreaterThan(((Progress.Count) updates.getFirst()).done());
            assertThat(indexOfStatus(events, JobStatus.PAUSED)).isEqualTo(events.size() - 1);
            handle.cancel();
        }
    }

    @Test
    void progress_snapshot_reaches_the_database_while_the_job_runs() throws Exception {
        try (Library library = TestLibraries.builder(dir).progressPersistInterval(Duration.ofMillis(100)).open()) {
            JobHandle<CountJob.Result> handle = library.dispatch(new CountJob(1_000_000, 1_000_000, 1, null));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    library.activeJobs().stream().anyMatch(i -> i.id().equals(handle.id()) && i.progress() != null));
            handle.cancel();
        }
    }

    @Test
    void a_run_is_announced_before_its_first_progress() throws Exception {
        // regression: the start announcement flushed progress the job had already reported, so
        // "running 0/50" arrived before the status change to running
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        try (Library library = TestLibraries.open(dir)) {
            library.subscribe(events::add);
            JobHandle<CountJob.Result> handle = library.dispatch(new CountJob(50, 10, 200, null));
            handle.result().get(10, TimeUnit.SECONDS);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> indexOfStatus(events, JobStatus.COMPLETED) >= 0);
            int running = indexOfStatus(events, JobStatus.RUNNING);
            int firstProgress = -1;
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i) instanceof JobEvent.ProgressUpdated) {
                    firstProgress = i;
                    break;
                }
            }
            assertThat(running).isGreaterThanOrEqualTo(0);
            assertThat(firstProgress).isGreaterThan(running);
        }
    }

    @Test
    void listener_exceptions_are_contained() throws Exception {
        try (Library library = TestLibraries.open(dir)) {
            List<JobEvent> seen = new CopyOnWriteArrayList<>();
            library.subscribe(e -> {
                throw new IllegalStateException("listener bug");
            });
            library.subscribe(seen::add);
            assertThat(library.dispatch(new CountJob(10, 5, 0, null)).result().get(10, TimeUnit.SECONDS).sum())
                    .isEqualTo(55);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> indexOfStatus(seen, JobStatus.COMPLETED) >= 0);
        }
    }

    private static int indexOfStatus(List<JobEvent> events, JobStatus status) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof JobEvent.StatusChanged sc && sc.to() == status) {
                return i;
            }
        }
        return -1;
    }
}
