package dev.stint.it;

import dev.stint.StopReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobNotResumableException;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.jobs.NonResumableJob;
import dev.stint.jobs.SlowJob;
import dev.stint.jobs.StubbornJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownTest {
    @TempDir
    Path dir;

    @Test
    void close_does_not_hang_on_a_job_that_ignores_interruption() throws Exception {
        StubbornJob.started = new CountDownLatch(1);
        String id;
        Library library = TestLibraries.builder(dir).shutdownTimeout(Duration.ofMillis(300)).open();
        JobHandle<String> handle = library.dispatch(new StubbornJob());
        id = handle.id();
        assertThat(StubbornJob.started.await(10, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        library.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        try (Library reopened = TestLibraries.builder(dir).autoStart(false).open()) {
            JobInfo info = reopened.job(id).orElseThrow();
            assertThat(info.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(info.stopReason()).isEqualTo(StopReason.ABANDONED);
            assertThat(info.checkpoints()).isEqualTo(1);
        }
    }

    @Test
    void a_running_job_that_is_not_resumable_cannot_be_paused_and_restarts_from_scratch() throws Exception {
        SlowJob.prepare("nr");
        String id;
        try (Library library = TestLibraries.open(dir)) {
            JobHandle<String> handle = library.dispatch(new NonResumableJob("nr"));
            id = handle.id();
            assertThat(SlowJob.awaitReached("nr")).isTrue();
            assertThatThrownBy(handle::pause).isInstanceOf(JobNotResumableException.class);
        }
        SlowJob.open("nr");
        try (Library library = TestLibraries.open(dir)) {
            assertThat(library.handle(id, String.class).orElseThrow().result().get(10, TimeUnit.SECONDS))
                    .isEqualTo("ran");
            assertThat(library.job(id).orElseThrow().runCount()).isEqualTo(2);
        }
    }
}
