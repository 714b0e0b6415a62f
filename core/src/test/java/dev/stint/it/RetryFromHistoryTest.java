package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.DispatchOptions;
import dev.stint.JobFailedException;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobNotFoundException;
import dev.stint.JobNotRetryableException;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.FlakyJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Library#retry}: a failed or cancelled job is dispatched again as a new job with the arguments and options it
 * was dispatched with, across a restart, linked to the old one; anything else is refused with a typed error.
 */
class RetryFromHistoryTest {
    @TempDir
    Path dir;

    @Test
    void a_cancelled_job_runs_again_with_its_arguments_after_a_restart() throws Exception {
        String cancelled;
        try (Library library = TestLibraries.open(dir)) {
            library.pauseQueue("default");
            cancelled = library.dispatch(new CountJob(100, 10, 0, null)).id();
            library.cancel(cancelled);
            library.resumeQueue("default");
        }
        try (Library library = TestLibraries.open(dir)) {
            JobHandle<Object> retried = library.retry(cancelled);
            assertThat(retried.id()).isNotEqualTo(cancelled);
            CountJob.Result result = library.handle(retried.id(), CountJob.Result.class).orElseThrow().result()
                    .get(20, TimeUnit.SECONDS);
            assertThat(result.sum()).isEqualTo(5050);
            JobInfo info = library.job(retried.id()).orElseThrow();
            assertThat(info.retryOf()).isEqualTo(cancelled);
            assertThat(info.status()).isEqualTo(JobStatus.COMPLETED);
            JobInfo old = library.job(cancelled).orElseThrow();
            assertThat(old.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(old.retryOf()).isNull();
        }
    }

    @Test
    void a_failed_job_is_retried_with_its_options_and_may_be_retried_again() throws Exception {
        try (Library library = TestLibraries.open(dir)) {
            DispatchOptions options = DispatchOptions.defaults().withMaxAttempts(2).withBackoff(Duration.ofMillis(1))
                    .withPriority(3).withInitiator("tester");
            JobHandle<?> failing = library.dispatch(new FlakyJob(5), options);
            assertThatThrownBy(() -> failing.result().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(JobFailedException.class);

            JobHandle<Object> first = library.retry(failing.id());
            assertThatThrownBy(() -> first.result().get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            JobInfo info = library.job(first.id()).orElseThrow();
            assertThat(info.status()).isEqualTo(JobStatus.FAILED);
            assertThat(info.retryOf()).isEqualTo(failing.id());
            assertThat(info.maxAttempts()).isEqualTo(2);
            assertThat(info.attempts()).isEqualTo(2);
            assertThat(info.priority()).isEqualTo(3);
            assertThat(info.initiator()).isEqualTo("tester");
            assertThat(info.name()).isEqualTo("test.flaky");

            // a retry is a failed job like any other: it can be retried in turn
            JobHandle<Object> second = library.retry(first.id());
            assertThatThrownBy(() -> second.result().get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(library.job(second.id()).orElseThrow().retryOf()).isEqualTo(first.id());
        }
    }

    @Test
    void an_unknown_active_or_completed_job_is_refused_and_nothing_is_dispatched() throws Exception {
        try (Library library = TestLibraries.open(dir)) {
            String done = library.dispatch(new CountJob(3, 1, 0, null)).id();
            library.handle(done).orElseThrow().result().get(20, TimeUnit.SECONDS);
            library.pauseQueue("default");
            String queued = library.dispatch(new CountJob(4, 1, 0, null)).id();
            int before = library.activeJobs().size() + library.history(100).size();

            assertThatThrownBy(() -> library.retry("no-such-job")).isInstanceOf(JobNotFoundException.class);
            assertThatThrownBy(() -> library.retry(queued)).isInstanceOf(JobNotRetryableException.class)
                    .hasMessageContaining("it is queued").hasMessageContaining("only failed and cancelled");
            assertThatThrownBy(() -> library.retry(done)).isInstanceOf(JobNotRetryableException.class)
                    .hasMessageContaining("it is completed");
            assertThat(library.activeJobs().size() + library.history(100).size()).isEqualTo(before);
        }
    }

    @Test
    void a_job_whose_arguments_were_not_kept_is_refused_with_what_to_do() throws Exception {
        String cancelled;
        try (Library library = TestLibraries.open(dir)) {
            library.pauseQueue("default");
            cancelled = library.dispatch(new CountJob(5, 1, 0, null)).id();
            library.cancel(cancelled);
        }
        // what a history row migrated from schema version 7 holds: no arguments
        RawDb.update(dir, "UPDATE job_rows SET state = X'' WHERE id = ?", cancelled);
        try (Library library = TestLibraries.open(dir)) {
            assertThatThrownBy(() -> library.retry(cancelled)).isInstanceOf(JobNotRetryableException.class)
                    .hasMessageContaining("arguments are not stored").hasMessageContaining("dispatch it again");
            assertThat(library.activeJobs()).isEmpty();
        }
    }
}
