package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stint.Job;
import dev.stint.JobEvent;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.QueueInfo;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.SlowJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claiming ahead: a queue of short jobs claims more jobs than it has workers; those wait for a worker
 * without running, never beyond the queue's concurrency, and go back to the queue untouched when paused,
 * cancelled, left waiting too long, or when the library closes.
 */
class ClaimAheadTest {
    @TempDir
    Path dir;

    private final Set<String> started = ConcurrentHashMap.newKeySet();

    private Library open(int concurrency, int claimAhead) {
        Library library = TestLibraries.builder(dir).concurrency(concurrency).claimAhead(claimAhead).open();
        library.subscribe(e -> {
            if (e instanceof JobEvent.StatusChanged sc && sc.to() == JobStatus.RUNNING) {
                started.add(sc.jobId());
            }
        });
        return library;
    }

    /** Runs short jobs until the queue's average run is short, so that it claims ahead. */
    private static void warmUp(Library library) throws InterruptedException {
        List<Job<?>> jobs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            jobs.add(new CountJob(1, 10, 0, null));
        }
        library.dispatchAll(jobs);
        assertThat(library.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    /** Dispatches {@code blockers} gated jobs then {@code shortJobs} count jobs; waits until the blockers run. */
    private List<JobHandle<Object>> blockThenQueue(Library library, String gate, int blockers, int shortJobs)
            throws InterruptedException {
        SlowJob.prepare(gate);
        List<Job<?>> jobs = new ArrayList<>();
        for (int i = 0; i < blockers; i++) {
            jobs.add(new SlowJob(gate, 1));
        }
        for (int i = 0; i < shortJobs; i++) {
            jobs.add(new CountJob(3, 10, 0, null));
        }
        List<JobHandle<Object>> handles = library.dispatchAll(jobs);
        for (int i = 0; i < blockers; i++) {
            assertThat(SlowJob.awaitReached(gate)).isTrue();
        }
        return handles;
    }

    private static JobInfo info(Library library, JobHandle<?> handle) {
        return library.job(handle.id()).orElseThrow();
    }

    @Test
    void short_jobs_are_claimed_ahead_and_wait_for_a_worker_without_running() throws Exception {
        try (Library library = open(2, 16)) {
            warmUp(library);
            List<JobHandle<Object>> handles = blockThenQueue(library, "ahead", 2, 10);

            // all twelve are claimed (the ten short ones ahead of the two busy workers), two run
            assertThat(library.counts().of(JobStatus.RUNNING)).isEqualTo(12);
            QueueInfo queue = library.queues().get(0);
            assertThat(queue.running()).isEqualTo(2);
            for (JobHandle<Object> h : handles.subList(2, 12)) {
                assertThat(started).doesNotContain(h.id());
            }

            SlowJob.open("ahead");
            assertThat(library.awaitIdle(Duration.ofSeconds(30))).isTrue();
            for (JobHandle<Object> h : handles) {
                JobInfo info = info(library, h);
                assertThat(info.status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(info.runCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void pause_cancel_and_a_paused_queue_hand_waiting_jobs_back_untouched() throws Exception {
        try (Library library = open(1, 16)) {
            warmUp(library);
            List<JobHandle<Object>> handles = blockThenQueue(library, "control", 1, 3);
            assertThat(library.counts().of(JobStatus.RUNNING)).isEqualTo(4);
            JobHandle<Object> paused = handles.get(1);
            JobHandle<Object> cancelled = handles.get(2);
            JobHandle<Object> third = handles.get(3);

            library.pause(paused.id());
            library.cancel(cancelled.id());
            assertThat(info(library, paused).status()).isEqualTo(JobStatus.PAUSED);
            assertThat(info(library, paused).runCount()).isZero();
            assertThat(info(library, cancelled).status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(info(library, cancelled).runCount()).isZero();

            library.pauseQueue("default");
            JobInfo back = info(library, third);
            assertThat(back.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(back.runCount()).isZero();
            assertThat(back.startedAt()).isNull();
            assertThat(library.counts().of(JobStatus.RUNNING)).isEqualTo(1);

            SlowJob.open("control");
            library.resumeQueue("default");
            library.resume(paused.id());
            assertThat(library.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(started).doesNotContain(cancelled.id());
            for (JobHandle<Object> h : List.of(handles.get(0), paused, third)) {
                assertThat(info(library, h).status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(info(library, h).runCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void a_job_left_waiting_too_long_goes_back_to_its_queue_and_the_queue_stops_claiming_ahead() throws Exception {
        try (Library library = open(1, 16)) {
            warmUp(library);
            List<JobHandle<Object>> handles = blockThenQueue(library, "stale", 1, 3);
            assertThat(library.counts().of(JobStatus.RUNNING)).isEqualTo(4);

            // handed back about 200 ms later; the queue's runs now count as long, so it claims for free workers only
            await().atMost(Duration.ofSeconds(10)).until(() -> library.counts().of(JobStatus.QUEUED) == 3);
            assertThat(library.counts().of(JobStatus.RUNNING)).isEqualTo(1);
            for (JobHandle<Object> h : handles.subList(1, 4)) {
                assertThat(info(library, h).runCount()).isZero();
                assertThat(started).doesNotContain(h.id());
            }

            SlowJob.open("stale");
            assertThat(library.awaitIdle(Duration.ofSeconds(30))).isTrue();
            for (JobHandle<Object> h : handles) {
                assertThat(info(library, h).status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(info(library, h).runCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void closing_hands_waiting_jobs_back_so_they_start_fresh_after_a_restart() throws Exception {
        List<JobHandle<Object>> handles;
        try (Library library = open(1, 16)) {
            warmUp(library);
            handles = blockThenQueue(library, "close", 1, 3);
            assertThat(library.counts().of(JobStatus.RUNNING)).isEqualTo(4);
        }
        try (Library library = TestLibraries.builder(dir).autoStart(false).open()) {
            assertThat(info(library, handles.get(0)).status()).isEqualTo(JobStatus.QUEUED);
            assertThat(info(library, handles.get(0)).runCount()).isEqualTo(1);
            for (JobHandle<Object> h : handles.subList(1, 4)) {
                JobInfo info = info(library, h);
                assertThat(info.status()).isEqualTo(JobStatus.QUEUED);
                assertThat(info.runCount()).isZero();
                assertThat(info.startedAt()).isNull();
                assertThat(started).doesNotContain(h.id());
            }
            SlowJob.open("close");
            library.start();
            assertThat(library.awaitIdle(Duration.ofSeconds(30))).isTrue();
            for (JobHandle<Object> h : handles.subList(1, 4)) {
                assertThat(info(library, h).runCount()).isEqualTo(1);
                assertThat(info(library, h).status()).isEqualTo(JobStatus.COMPLETED);
            }
        }
    }

    @Test
    void with_claim_ahead_off_a_queue_claims_for_free_workers_only() throws Exception {
        try (Library library = open(1, 0)) {
            warmUp(library);
            blockThenQueue(library, "off", 1, 3);
            assertThat(library.counts().of(JobStatus.RUNNING)).isEqualTo(1);
            assertThat(library.counts().of(JobStatus.QUEUED)).isEqualTo(3);
            SlowJob.open("off");
            assertThat(library.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(library.counts().of(JobStatus.COMPLETED)).isEqualTo(304);
        }
    }
}
