package dev.stint.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.DeepCheckpointJob;
import dev.stint.jobs.TestCatalog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that checkpoints with its stack nearly exhausted must not poison the shared writer: whatever
 * unwinds a commit in the middle (a stack overflow, any Error), the batch is rolled back and the writer
 * commits normally afterwards. Beside the deep jobs, ordinary jobs complete.
 */
class DeepStackWriterTest {
    @TempDir
    Path dir;

    @Test
    void checkpoints_from_a_nearly_exhausted_stack_never_poison_the_writer() throws Exception {
        List<JobHandle<String>> deep = new ArrayList<>();
        List<JobHandle<CountJob.Result>> good = new ArrayList<>();
        try (Library library = Library.builder(dir).catalog(TestCatalog.all()).useServiceLoader(false)
                .concurrency(4).powerSafe(false).open()) {
            for (int margin = 0; margin < 1500; margin += 5) {
                deep.add(library.dispatch(new DeepCheckpointJob(margin)));
                if (margin % 50 == 0) {
                    good.add(library.dispatch(new CountJob(20, 5, 0, null)));
                }
            }
            assertThat(library.awaitIdle(Duration.ofSeconds(120))).isTrue();
            for (JobHandle<CountJob.Result> h : good) {
                assertThat(h.result().get(10, TimeUnit.SECONDS)).isNotNull();
            }
            for (JobHandle<String> h : deep) {
                JobInfo info = library.job(h.id()).orElseThrow();
                // each deep job either checkpointed and completed, or failed with a typed error record
                assertThat(info.status()).isIn(JobStatus.COMPLETED, JobStatus.FAILED);
                if (info.status() == JobStatus.FAILED) {
                    assertThat(info.error().type()).isNotBlank();
                }
            }
            // the writer still commits
            assertThat(library.dispatch(new CountJob(3, 1, 0, null)).result().get(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(library.query(JobQuery.all().withStatus(JobStatus.RUNNING))).isEmpty();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }
}
