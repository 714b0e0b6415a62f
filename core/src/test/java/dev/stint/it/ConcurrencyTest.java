package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.jobs.SlowJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void no_more_jobs_run_at_once_than_the_concurrency_limit_and_they_start_in_dispatch_order() throws Exception {
        SlowJob.prepare("cc");
        try (Library library = TestLibraries.builder(dir).concurrency(2).open()) {
            List<JobHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                handles.add(library.dispatch(new SlowJob("cc", 1)));
            }
            assertThat(SlowJob.awaitReached("cc")).isTrue();
            assertThat(SlowJob.awaitReached("cc")).isTrue();
            assertThat(SlowJob.REACHED.get("cc").tryAcquire(200, TimeUnit.MILLISECONDS)).isFalse();
            List<JobStatus> statuses = library.activeJobs().stream().map(JobInfo::status).toList();
            assertThat(statuses).containsExactly(JobStatus.RUNNING, JobStatus.RUNNING, JobStatus.QUEUED,
                    JobStatus.QUEUED, JobStatus.QUEUED);
            SlowJob.open("cc");
            for (JobHandle<Integer> h : handles) {
                assertThat(h.result().get(10, TimeUnit.SECONDS)).isEqualTo(1);
            }
            assertThat(library.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(library.history(10)).extracting(JobInfo::id)
                    .containsExactlyElementsOf(handles.stream().map(JobHandle::id).toList());
        }
    }
}
