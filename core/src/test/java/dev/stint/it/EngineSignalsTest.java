package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.JobHandle;
import dev.stint.Library;
import java.time.Duration;
import dev.stint.jobs.SelfInterruptingJob;
import dev.stint.JobStatus;
import dev.stint.JobQuery;
import dev.stint.JobFailedException;
import dev.stint.jobs.SwallowingParentJob;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's own control signals cannot be swallowed by a job's {@code catch (Exception e)}. */
class EngineSignalsTest {
    @TempDir
    Path dir;

    @Test
    void a_job_that_catches_every_exception_still_waits_for_its_children() throws Exception {
        try (Library library = TestLibraries.builder(dir).concurrency(1).open()) {
            JobHandle<String> parent = library.dispatch(new SwallowingParentJob(50));
            String output = parent.result().get(20, TimeUnit.SECONDS);
            assertThat(output).doesNotStartWith("swallowed").contains("\"sum\":1275");
            assertThat(library.job(parent.id()).orElseThrow().runCount()).isEqualTo(2);
        }
    }

    @Test
    void a_job_that_leaves_its_thread_interrupted_still_has_its_outcome_recorded() throws Exception {
        try (Library library = TestLibraries.builder(dir).concurrency(2).open()) {
            JobHandle<String> returns = library.dispatch(new SelfInterruptingJob(false));
            JobHandle<String> throwsIt = library.dispatch(new SelfInterruptingJob(true));
            assertThat(returns.result().get(20, TimeUnit.SECONDS)).isEqualTo("done");
            assertThatThrownBy(() -> throwsIt.result().get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(JobFailedException.class);
            assertThat(library.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(library.query(JobQuery.all().withStatus(JobStatus.RUNNING))).isEmpty();
        }
    }
}
