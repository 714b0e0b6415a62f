package dev.stint.it;

import dev.stint.StopReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stint.CriticalJobException;
import dev.stint.ErrorRecord;
import dev.stint.IllegalJobTransitionException;
import dev.stint.InvalidJobArgumentsException;
import dev.stint.JobCancelledException;
import dev.stint.JobEvent;
import dev.stint.JobFailedException;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobNotFoundException;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.LibraryClosedException;
import dev.stint.UnknownJobTypeException;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.FailingJob;
import dev.stint.jobs.SlowJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {
    @TempDir
    Path dir;

    @Test
    void dispatched_job_completes_and_moves_to_history_with_its_output() throws Exception {
        try (Library library = TestLibraries.open(dir)) {
            JobHandle<CountJob.Result> handle = library.dispatch(new CountJob(100, 10, 0, null));
            CountJob.Result result = handle.result().get(10, TimeUnit.SECONDS);
            assertThat(result).isEqualTo(new CountJob.Result(5050, 0));
            assertThat(handle.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(library.activeJobs()).isEmpty();
            List<JobInfo> history = library.history(10);
            assertThat(history).singleElement().satisfies(info -> {
                assertThat(info.id()).isEqualTo(handle.id());
                assertThat(info.status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(info.outputJson()).isEqualTo("{\"sum\":5050,\"resumedFrom\":0}");
                assertThat(info.checkpoints()).isEqualTo(10);
                assertThat(info.runCount()).isEqualTo(1);
                assertThat(info.finishedAt()).isNotNull();
            });
        }
    }

    @Test
    void dispatch_by_name_parses_json_arguments() throws Exception {
        try (Library library = TestLibraries.open(dir)) {
            JobHandle<Object> handle = library.dispatch("test.count", "{\"to\": 4, \"checkpointEvery\": 2}");
            assertThat(handle.result().get(10, TimeUnit.SECONDS)).isEqualTo(new CountJob.Result(10, 0));
            assertThat(library.job(handle.id()).orElseThrow().outputJson()).isEqualTo("{\"sum\":10,\"resumedFrom\":0}");
        }
    }

    @Test
    void unknown_name_and_bad_json_are_typed_errors_and_store_nothing() {
        try (Library library = TestLibraries.open(dir)) {
            assertThatThrownBy(() -> library.dispatch("no.such.job", "{}"))
                    .isInstanceOf(UnknownJobTypeException.class)
                    .hasMessageContaining("no.such.job").hasMessageContaining("test.count");
            assertThatThrownBy(() -> library.dispatch("test.count", "{\"to\": "))
                    .isInstanceOf(InvalidJobArgumentsException.class).hasMessageContaining("test.count");
            assertThatThrownBy(() -> library.dispatch("test.count", "{\"too\": 5}"))
                    .isInstanceOf(InvalidJobArgumentsException.class).hasMessageContaining("too");
            assertThatThrownBy(() -> library.dispatch("test.count", "[1,2]"))
                    .isInstanceOf(InvalidJobArgumentsException.class);
            assertThatThrownBy(() -> library.dispatch("test.count", "{\"to\": \"many\"}"))
                    .isInstanceOf(InvalidJobArgumentsException.class);
            assertThat(library.activeJobs()).isEmpty();
            assertThat(library.history(10)).isEmpty();
        }
    }

    @Test
    void failing_job_goes_to_history_with_its_error_and_non_critical_errors() {
        try (Library library = TestLibraries.open(dir)) {
            JobHandle<Void> handle = library.dispatch(new FailingJob());
            assertThatThrownBy(() -> handle.result().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(JobFailedException.class).hasMessageContaining("disk on fire");
            JobInfo info = library.job(handle.id()).orElseThrow();
            assertThat(info.status()).isEqualTo(JobStatus.FAILED);
            assertThat(info.error().type()).isEqualTo(CriticalJobException.class.getName());
            assertThat(info.error().stackTrace()).contains("FailingJob.run");
            assertThat(info.nonCriticalErrors()).extracting(ErrorRecord::message)
                    .containsExactly("skipped a.txt", "skipped b.txt: locked");
        }
        // and it is still there after reopening
        try (Library library = TestLibraries.open(dir)) {
            assertThat(library.history(10)).singleElement()
                    .satisfies(i -> assertThat(i.nonCriticalErrors()).hasSize(2));
        }
    }

    @Test
    void queued_job_can_be_paused_resumed_and_cancelled() throws Exception {
        try (Library library = TestLibraries.builder(dir).autoStart(false).open()) {
            JobHandle<CountJob.Result> a = library.dispatch(new CountJob(3, 1, 0, null));
            JobHandle<CountJob.Result> b = library.dispatch(new CountJob(3, 1, 0, null));
            a.pause();
            a.pause(); // idempotent
            assertThat(a.status()).isEqualTo(JobStatus.PAUSED);
            b.cancel();
            assertThat(b.status()).isEqualTo(JobStatus.CANCELLED);
            assertThatThrownBy(b::resume).isInstanceOf(IllegalJobTransitionException.class)
                    .hasMessageContaining("cancelled").hasMessageContaining("queued");
            assertThatThrownBy(() -> b.result().get()).cause().isInstanceOf(JobCancelledException.class);
            library.start();
            assertThat(library.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(a.status()).isEqualTo(JobStatus.PAUSED);
            a.resume();
            assertThat(a.result().get(10, TimeUnit.SECONDS).sum()).isEqualTo(6);
            assertThatThrownBy(() -> library.pause("nope")).isInstanceOf(JobNotFoundException.class);
        }
    }

    @Test
    void running_job_pauses_stays_paused_across_restart_and_resumes_where_it_stopped() throws Exception {
        SlowJob.prepare("p1");
        String id;
        try (Library library = TestLibraries.open(dir)) {
            JobHandle<Integer> handle = library.dispatch(new SlowJob("p1", 5));
            assertThat(SlowJob.awaitReached("p1")).isTrue();
            handle.pause();
            await().atMost(Duration.ofSeconds(10)).until(() -> handle.status() == JobStatus.PAUSED);
            id = handle.id();
            assertThat(library.job(id).orElseThrow().stopReason()).isEqualTo(StopReason.PAUSE);
        }
        try (Library library = TestLibraries.open(dir)) {
            assertThat(library.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(library.job(id).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
            SlowJob.open("p1");
            library.resume(id);
            assertThat(library.handle(id, Integer.class).orElseThrow().result().get(10, TimeUnit.SECONDS)).isEqualTo(5);
            JobInfo info = library.job(id).orElseThrow();
            assertThat(info.runCount()).isEqualTo(2);
        }
    }

    @Test
    void resume_requested_while_pause_is_pending_requeues_the_job() throws Exception {
        SlowJob.prepare("p2");
        try (Library library = TestLibraries.open(dir)) {
            JobHandle<Integer> handle = library.dispatch(new SlowJob("p2", 2));
            assertThat(SlowJob.awaitReached("p2")).isTrue();
            handle.pause();
            handle.resume();
            SlowJob.open("p2");
            assertThat(handle.result().get(10, TimeUnit.SECONDS)).isEqualTo(2);
        }
    }

    @Test
    void graceful_shutdown_mid_job_resumes_by_itself_from_where_it_stopped() throws Exception {
        String id;
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        // never checkpoints on its own: only the state saved at shutdown lets it resume past zero
        CountJob job = new CountJob(2000, 1_000_000, 1000, null);
        try (Library library = TestLibraries.open(dir)) {
            library.subscribe(events::add);
            JobHandle<CountJob.Result> handle = library.dispatch(job);
            id = handle.id();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e ->
                    e instanceof JobEvent.ProgressUpdated p && ((dev.stint.Progress.Count) p.progress()).done() >= 100));
        }
        assertThat(events).filteredOn(e -> e instanceof JobEvent.StatusChanged).extracting(
                e -> ((JobEvent.StatusChanged) e).from() + "->" + ((JobEvent.StatusChanged) e).to())
                .containsExactly("null->QUEUED", "QUEUED->RUNNING", "RUNNING->QUEUED");
        try (Library library = TestLibraries.builder(dir).autoStart(false).open()) {
            JobInfo info = library.job(id).orElseThrow();
            assertThat(info.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(info.stopReason()).isEqualTo(StopReason.SHUTDOWN);
            assertThat(info.progress()).isInstanceOf(dev.stint.Progress.Count.class);
        }
        try (Library library = TestLibraries.open(dir)) {
            CountJob.Result result = library.handle(id, CountJob.Result.class).orElseThrow().result()
                    .get(30, TimeUnit.SECONDS);
            assertThat(result.sum()).isEqualTo(2000L * 2001 / 2);
            assertThat(result.resumedFrom()).isGreaterThanOrEqualTo(100);
            assertThat(library.job(id).orElseThrow().runCount()).isEqualTo(2);
        }
    }

    @Test
    void closing_completes_pending_results_with_library_closed() throws Exception {
        SlowJob.prepare("c1");
        JobHandle<Integer> handle;
        try (Library library = TestLibraries.open(dir)) {
            handle = library.dispatch(new SlowJob("c1", 3));
            assertThat(SlowJob.awaitReached("c1")).isTrue();
        }
        assertThatThrownBy(() -> handle.result().get(1, TimeUnit.SECONDS)).cause()
                .isInstanceOf(LibraryClosedException.class);
    }

    @Test
    void cancelling_a_running_job_moves_it_to_history_as_cancelled() throws Exception {
        SlowJob.prepare("x1");
        try (Library library = TestLibraries.open(dir)) {
            JobHandle<Integer> handle = library.dispatch(new SlowJob("x1", 3));
            assertThat(SlowJob.awaitReached("x1")).isTrue();
            handle.cancel();
            assertThatThrownBy(() -> handle.result().get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(JobCancelledException.class);
            JobInfo info = library.job(handle.id()).orElseThrow();
            assertThat(info.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(info.error().type()).isEqualTo("cancelled");
        }
        try (Library library = TestLibraries.open(dir)) {
            assertThat(library.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(library.activeJobs()).isEmpty();
            assertThat(library.history(5)).singleElement().extracting(JobInfo::status).isEqualTo(JobStatus.CANCELLED);
        }
    }
}
