package dev.stint.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stint.DispatchOptions;
import dev.stint.ErrorRecord;
import dev.stint.JobDataTooLargeException;
import dev.stint.JobDataTooLargeException.Kind;
import dev.stint.JobEvent;
import dev.stint.JobFailedException;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Progress;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.SizedJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The size limits of a job's state, output and progress data: enforced when encoded, with a typed error. */
class LimitsTest {
    private static final int LIMIT = 4096;

    @TempDir
    Path dir;

    private Library open() {
        return Libraries.builder(dir).maxStateBytes(LIMIT).maxOutputBytes(LIMIT).maxProgressDataBytes(LIMIT).open();
    }

    @Test
    void a_dispatch_over_the_state_limit_fails_the_call_and_stores_nothing() throws Exception {
        try (Library library = open()) {
            assertThatThrownBy(() -> library.dispatch(new SizedJob(LIMIT, 0, 0, 0)))
                    .isInstanceOfSatisfying(JobDataTooLargeException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.STATE);
                        assertThat(e.jobName()).isEqualTo("test.sized");
                        assertThat(e.size()).isGreaterThan(LIMIT);
                        assertThat(e.limit()).isEqualTo(LIMIT);
                        assertThat(e.getMessage()).contains("test.sized", "maxStateBytes", String.valueOf(LIMIT));
                    });
            assertThatThrownBy(() -> library.dispatch("test.sized", "{\"payload\": \"" + "p".repeat(LIMIT) + "\"}"))
                    .isInstanceOf(JobDataTooLargeException.class);
            assertThatThrownBy(() -> library.dispatchAll(List.of(new CountJob(1, 1, 0, null),
                    new SizedJob(LIMIT, 0, 0, 0)))).isInstanceOf(JobDataTooLargeException.class);
            assertThat(Libraries.all(library)).as("nothing stored by any refused dispatch").isEmpty();

            JobHandle<String> fits = library.dispatch(new SizedJob(LIMIT - 200, 0, 0, 0));
            assertThat(fits.result().get(10, TimeUnit.SECONDS)).isEqualTo("refused=null");
        }
    }

    @Test
    void a_checkpoint_over_the_limit_throws_to_the_job_which_can_carry_on() throws Exception {
        try (Library library = open()) {
            JobHandle<String> handle = library.dispatch(new SizedJob(0, 0, LIMIT * 2, 0));
            String output = handle.result().get(10, TimeUnit.SECONDS);
            assertThat(output).startsWith("refused=STATE ").endsWith(">" + LIMIT);
            JobInfo info = Libraries.finished(library, handle.id());
            assertThat(info.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(info.checkpoints()).as("only the checkpoint that fitted was written").isEqualTo(1);
        }
    }

    @Test
    void an_output_over_the_limit_fails_the_job_critically_with_the_error_in_history() throws Exception {
        try (Library library = open()) {
            JobHandle<String> handle = library.dispatch(new SizedJob(0, 0, 0, LIMIT + 1),
                    DispatchOptions.defaults().withMaxAttempts(3).withBackoff(Duration.ZERO));
            assertThatThrownBy(() -> handle.result().get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(JobFailedException.class);
            JobInfo info = Libraries.finished(library, handle.id());
            assertThat(info.status()).isEqualTo(JobStatus.FAILED);
            assertThat(info.attempts()).as("a critical failure is not retried").isEqualTo(1);
            ErrorRecord error = info.error();
            assertThat(error.message()).contains("output of job 'test.sized' " + handle.id(), "maxOutputBytes",
                    String.valueOf(LIMIT));
            assertThat(error.type()).isEqualTo(JobDataTooLargeException.class.getName());
            // the library goes on
            assertThat(library.dispatch(new CountJob(3, 1, 0, null)).result().get(10, TimeUnit.SECONDS).sum()).isEqualTo(6);
        }
    }

    @Test
    void oversized_progress_data_is_dropped_with_a_non_critical_error_and_the_job_goes_on() throws Exception {
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        try (Library library = open()) {
            library.subscribe(events::add);
            JobHandle<String> handle = library.dispatch(new SizedJob(0, LIMIT * 2, 0, 0));
            assertThat(handle.result().get(10, TimeUnit.SECONDS)).isEqualTo("refused=null");
            JobInfo info = Libraries.finished(library, handle.id());
            assertThat(info.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(info.nonCriticalErrors()).singleElement().extracting(ErrorRecord::message).asString()
                    .contains("progress data dropped", "progress data of job 'test.sized'", "maxProgressDataBytes");
            await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e ->
                    e instanceof JobEvent.StatusChanged sc && sc.to() == JobStatus.COMPLETED));
            assertThat(events).filteredOn(e -> e instanceof JobEvent.ProgressUpdated)
                    .extracting(e -> ((JobEvent.ProgressUpdated) e).progress())
                    .allSatisfy(p -> assertThat(p).isInstanceOfSatisfying(Progress.Phase.class,
                            phase -> assertThat(phase.data().toString()).doesNotContain("ddd")))
                    .last().isEqualTo(new Progress.Phase("small", java.util.Map.of("done", 2, "total", 2)));
        }
    }

    @Test
    void a_stored_blob_larger_than_the_library_writes_fails_its_job_alone() throws Exception {
        String big;
        String small;
        try (Library library = Libraries.builder(dir).autoStart(false).open()) {
            big = library.dispatch(new SizedJob(LIMIT * 4, 0, 0, 0)).id();
            small = library.dispatch(new SizedJob(10, 0, 0, 0)).id();
        }
        try (Library library = open()) {
            assertThat(library.awaitIdle(Duration.ofSeconds(10))).isTrue();
            JobInfo failed = Libraries.finished(library, big);
            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.error().type()).isEqualTo(dev.stint.JobStateDecodeException.class.getName());
            assertThat(failed.error().message()).contains("larger than this library writes");
            assertThat(Libraries.finished(library, small).status()).isEqualTo(JobStatus.COMPLETED);
        }
    }

    @Test
    void the_builder_refuses_limits_below_one_byte() {
        assertThatThrownBy(() -> Library.builder(dir).maxStateBytes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxStateBytes");
        assertThatThrownBy(() -> Library.builder(dir).maxOutputBytes(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxOutputBytes");
        assertThatThrownBy(() -> Library.builder(dir).maxProgressDataBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxProgressDataBytes");
    }
}
