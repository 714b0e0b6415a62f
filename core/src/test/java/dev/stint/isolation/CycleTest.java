package dev.stint.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.DependencyCycleException;
import dev.stint.JobFailedException;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.jobs.CountJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dependency cycles in a crafted {@code jobs.db} (chains and parents that lead back to the job) are found at
 * open: the jobs in them fail with a {@link DependencyCycleException}, the jobs after them and the good jobs
 * run, and the library becomes idle (so {@code run} returns).
 */
class CycleTest {
    @TempDir
    Path dir;

    private String a;
    private String b;
    private String c;
    private CraftedFile.Jobs jobs;

    private void create() throws Exception {
        jobs = CraftedFile.create(dir);
        try (Library library = CraftedFile.builder(dir).autoStart(false).open()) {
            a = library.dispatch(new CountJob(7, 1, 0, null)).id();
            b = library.dispatch(new CountJob(8, 1, 0, null)).id();
            c = library.dispatch(new CountJob(9, 1, 0, null)).id();
        }
    }

    @Test
    void a_chain_whose_predecessor_is_itself_fails_and_its_successor_runs() throws Exception {
        create();
        CraftedFile.update(dir, "UPDATE job_rows SET after_id = id WHERE id = ?", a);
        CraftedFile.update(dir, "UPDATE job_rows SET after_id = ? WHERE id = ?", a, b);
        runAndCheck(new String[] {a}, new String[] {b, c});
    }

    @Test
    void a_chain_cycle_fails_every_job_in_it_and_the_job_after_it_runs() throws Exception {
        create();
        CraftedFile.update(dir, "UPDATE job_rows SET after_id = ? WHERE id = ?", b, a);
        CraftedFile.update(dir, "UPDATE job_rows SET after_id = ? WHERE id = ?", a, b);
        CraftedFile.update(dir, "UPDATE job_rows SET after_id = ? WHERE id = ?", a, c);
        runAndCheck(new String[] {a, b}, new String[] {c});
    }

    @Test
    void a_job_that_is_its_own_parent_fails() throws Exception {
        create();
        CraftedFile.update(dir, "UPDATE job_rows SET parent_id = id WHERE id = ?", a);
        runAndCheck(new String[] {a}, new String[] {b, c});
    }

    @Test
    void a_parent_cycle_fails_every_job_in_it() throws Exception {
        create();
        CraftedFile.update(dir, "UPDATE job_rows SET parent_id = ? WHERE id = ?", b, a);
        CraftedFile.update(dir, "UPDATE job_rows SET parent_id = ? WHERE id = ?", c, b);
        CraftedFile.update(dir, "UPDATE job_rows SET parent_id = ? WHERE id = ?", a, c);
        runAndCheck(new String[] {a, b, c}, new String[] {});
    }

    @Test
    void a_child_that_runs_after_its_parent_is_a_cycle() throws Exception {
        create();
        CraftedFile.update(dir, "UPDATE job_rows SET parent_id = ?, after_id = ? WHERE id = ?", a, a, b);
        runAndCheck(new String[] {a, b}, new String[] {c});
    }

    private void runAndCheck(String[] cycle, String[] good) throws Exception {
        try (Library library = CraftedFile.builder(dir).open()) {
            for (String id : good) {
                assertThat(library.handle(id).orElseThrow().result().get(20, TimeUnit.SECONDS)).isNotNull();
            }
            assertThat(library.handle(jobs.queued()).orElseThrow().result().get(20, TimeUnit.SECONDS)).isNotNull();
            assertThat(library.awaitIdle(Duration.ofSeconds(20))).as("idle: run returns").isTrue();
            for (String id : cycle) {
                JobInfo info = library.job(id).orElseThrow();
                assertThat(info.status()).isEqualTo(JobStatus.FAILED);
                assertThat(info.error().type()).isEqualTo(DependencyCycleException.class.getName());
                assertThat(info.error().message()).contains(id).contains("cycle");
                try {
                    library.handle(id).orElseThrow().result().get(5, TimeUnit.SECONDS);
                    throw new AssertionError("a job in a cycle completed: " + id);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(JobFailedException.class);
                }
            }
            assertThat(library.job(jobs.paused()).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
            assertThat(library.activeJobs()).as("only the paused job is left").extracting(JobInfo::id)
                    .containsExactly(jobs.paused());
        }
        CraftedFile.assertSound(dir);
    }
}
