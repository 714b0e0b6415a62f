package dev.stint.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.Library;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.TestCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job dispatched to an idle engine costs three commits: the dispatch (which claims it in the same
 * write), its completion, and the scheduler's pass that finds the engine idle. The dispatch claimed all
 * it could, so it does not wake the scheduler for a pass that would only run an empty claim write.
 */
class LoneDispatchWritesTest {
    @TempDir
    Path dir;

    @Test
    void a_job_dispatched_to_an_idle_engine_costs_three_commits() throws Exception {
        try (Library library = Library.builder(dir).catalog(TestCatalog.all()).useServiceLoader(false)
                .concurrency(4).powerSafe(false).open()) {
            Engine engine = (Engine) library;
            // warm-up: the first jobs also write the queue average and the first WAL checkpoint
            for (int i = 0; i < 5; i++) {
                library.dispatch(new CountJob(1, 0, 0, null)).result().get(10, TimeUnit.SECONDS);
                assertThat(library.awaitIdle(Duration.ofSeconds(10))).isTrue();
            }
            int jobs = 50;
            long before = engine.writer().commits();
            for (int i = 0; i < jobs; i++) {
                library.dispatch(new CountJob(1, 0, 0, null)).result().get(10, TimeUnit.SECONDS);
                assertThat(library.awaitIdle(Duration.ofSeconds(10))).isTrue();
            }
            double perJob = (engine.writer().commits() - before) / (double) jobs;
            // 3 per job; before the change the dispatch's wake-up added a fourth, empty claim write
            assertThat(perJob).isLessThan(3.5);
        }
    }
}
