package dev.stint.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobCounts;
import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.RowDamage;
import dev.stint.StintException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A crafted row fails alone, on every path: a row of {@code jobs} or {@code job_history} whose key column is
 * missing or out of range is listed as damaged, never claimed; the good jobs run, list, query, counts,
 * idleness and shutdown work, and the file stays sound.
 */
class CraftedRowTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "jobs.{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "id           | NULL                   | id is missing",
        "id           | X'00'                  | id is missing",
        "name         | NULL                   | name is missing",
        "version      | 1099511627776          | version is out of range",
        "status       | 'bogus'                | status is not queued",
        "status       | NULL                   | status is not queued",
        "stop_reason  | 'bogus'                | stop_reason is unknown",
        "state        | NULL                   | state is missing",
        "run_count    | -1                     | run_count is out of range",
        "created_at   | NULL                   | created_at is out of range",
        "updated_at   | -5                     | updated_at is out of range",
        "started_at   | 'soon'                 | started_at is out of range",
        "run_at       | 9223372036854775807    | run_at is out of range",
        "run_at       | -1                     | run_at is out of range",
        "queue        | NULL                   | queue is missing",
        "priority     | 9223372036854775807    | priority is out of range",
        "attempts     | -3                     | attempts is out of range",
        "max_attempts | 0                      | max_attempts is out of range",
        "backoff_ms   | -1                     | backoff_ms is out of range",
        "timeout_ms   | 0                      | timeout_ms is out of range",
        "run_ms       | -9223372036854775808   | run_ms is out of range",
        "after_id     | X'2A'                  | after_id is not text",
        "parent_id    | X'01'                  | parent_id is not text",
    })
    void a_damaged_jobs_row_is_listed_never_claimed_and_the_rest_runs(String column, String value, String problem)
            throws Exception {
        CraftedFile.Jobs jobs = CraftedFile.create(dir);
        CraftedFile.dropConstraints(dir);
        long seq = CraftedFile.number(dir, "SELECT seq FROM jobs WHERE id = '" + jobs.victim() + "'");
        long runCount = CraftedFile.number(dir, "SELECT run_count FROM jobs WHERE seq = " + seq);
        assertThat(CraftedFile.update(dir, "UPDATE job_rows SET " + column + " = " + value + " WHERE seq = ?", seq))
                .isEqualTo(1);

        JobInfo damaged = runAndCheck(jobs, column, "jobs", seq, problem);
        assertThat(damaged.status()).isIn(JobStatus.QUEUED, JobStatus.PAUSED);
        assertThat(damaged.runCount()).as("never claimed").isEqualTo(column.equals("run_count") ? -1 : runCount);
        CraftedFile.assertSound(dir);
    }

    @ParameterizedTest(name = "job_history.{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "id           | NULL                   | id is missing",
        "name         | NULL                   | name is missing",
        "version      | -1                     | version is out of range",
        "status       | 'bogus'                | status is not completed",
        "status       | 'queued'               | status is not completed",
        "run_count    | 1099511627776          | run_count is out of range",
        "checkpoints  | -1                     | checkpoints is out of range",
        "steps        | NULL                   | steps is out of range",
        "created_at   | 9223372036854775807    | created_at is out of range",
        "finished_at  | 9223372036854775807    | finished_at is out of range",
        "started_at   | -1                     | started_at is out of range",
        "queue        | NULL                   | queue is missing",
        "priority     | 'high'                 | priority is out of range",
        "run_at       | 9223372036854775807    | run_at is out of range",
        "attempts     | -1                     | attempts is out of range",
        "max_attempts | 0                      | max_attempts is out of range",
        "timeout_ms   | -1                     | timeout_ms is out of range",
        "run_ms       | -1                     | run_ms is out of range",
        "initiator    | X'00'                  | initiator is not text",
    })
    void a_damaged_history_row_is_listed_and_the_rest_runs(String column, String value, String problem)
            throws Exception {
        CraftedFile.Jobs jobs = CraftedFile.create(dir);
        CraftedFile.dropConstraints(dir);
        long seq = CraftedFile.number(dir, "SELECT seq FROM job_history WHERE id = '" + jobs.finished() + "'");
        assertThat(CraftedFile.update(dir, "UPDATE job_rows SET " + column + " = " + value + " WHERE seq = ?", seq))
                .isEqualTo(1);

        JobInfo damaged = runAndCheck(jobs, column, "job_history", seq, problem);
        assertThat(damaged.status().isTerminal()).isTrue();
        CraftedFile.assertSound(dir);
    }

    /**
     * Opens and runs the crafted library: the good jobs complete, the paused one stays paused, every read
     * works and shows exactly one damaged job; returns it.
     */
    private JobInfo runAndCheck(CraftedFile.Jobs jobs, String column, String table, long seq, String problem) throws Exception {
        try (Library library = CraftedFile.builder(dir).open()) {
            assertThat(library.handle(jobs.queued()).orElseThrow().result().get(20, TimeUnit.SECONDS)).isNotNull();
            assertThat(library.dispatch(new dev.stint.jobs.CountJob(2, 1, 0, null)).result().get(20, TimeUnit.SECONDS))
                    .isNotNull();
            assertThat(library.awaitIdle(Duration.ofSeconds(20))).as("idle: nothing waits for the damaged row")
                    .isTrue();
            assertThat(library.job(jobs.paused()).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);

            List<JobInfo> all = new ArrayList<>(library.history(1000));
            all.addAll(library.activeJobs());
            List<JobInfo> damaged = all.stream().filter(JobInfo::isDamaged).toList();
            assertThat(damaged).hasSize(1);
            RowDamage damage = damaged.get(0).damage();
            assertThat(damage.table()).isEqualTo(table);
            assertThat(damage.seq()).isEqualTo(seq);
            assertThat(damage.problems()).anySatisfy(p -> assertThat(p).contains(problem));
            assertThat(damage.summary()).contains(table + " row " + seq);
            assertThat(damaged.get(0).id()).isNotNull();
            if (!column.equals("id")) {
                assertThat(library.job(damaged.get(0).id()).orElseThrow().isDamaged()).isTrue();
            }

            List<JobInfo> queried = library.query(JobQuery.all().page(0, 1000));
            assertThat(queried).filteredOn(JobInfo::isDamaged).hasSizeLessThanOrEqualTo(1);
            JobCounts counts = library.counts();
            assertThat(counts.of(JobStatus.COMPLETED)).isGreaterThanOrEqualTo(2);
            assertThat(counts.byStatus().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(all.size());
            assertThat(library.queues()).isNotNull();
            assertThat(all).filteredOn(i -> i.status() == JobStatus.RUNNING).isEmpty();
            JobInfo found = damaged.get(0);
            // controls on the damaged job either act or fail typed; the library goes on
            for (Runnable control : List.<Runnable>of(() -> library.pause(damaged.get(0).id()),
                    () -> library.resume(damaged.get(0).id()), () -> library.cancel(damaged.get(0).id()))) {
                try {
                    control.run();
                } catch (StintException e) {
                    assertThat(e.getMessage()).isNotBlank();
                }
            }
            assertThat(library.dispatch(new dev.stint.jobs.CountJob(3, 1, 0, null)).result().get(20, TimeUnit.SECONDS))
                    .isNotNull();
            assertThat(library.awaitIdle(Duration.ofSeconds(20))).isTrue();
            return found;
        }
    }
}
