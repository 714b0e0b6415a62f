package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.IncompatibleJobVersionException;
import dev.stint.JobFailedException;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.jobs.BatchJob;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.StepsJob;
import dev.stint.jobs.TestCatalog;
import dev.stint.jobs.migration.ImportJobV1;
import dev.stint.jobs.migration.ImportJobV2;
import dev.stint.jobs.migration.ImportJobV3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Steps, batches, intermediate results and state migrations, on real jobs.db files. */
class StepsTest {
    private static final int STEPS = 300;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "kill after at least {0} step bodies started")
    @ValueSource(ints = {1, 40, 170})
    void a_committed_step_never_runs_again_after_kill_9(int killAfter) throws Exception {
        Path library = dir.resolve("lib");
        Path side = dir.resolve("steps.log");
        String id;
        try (ChildJvm child = ChildJvm.start(StepsChild.class, dir.resolve("child.log"), library.toString(),
                side.toString(), String.valueOf(STEPS), "500")) {
            id = child.awaitLine("READY ").substring(6);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                    .until(() -> Files.exists(side) && Files.readAllLines(side).size() >= killAfter);
            child.kill();
        }
        List<String> committed = committedSteps(library, id);
        try (Library reopened = TestLibraries.open(library)) {
            long sum = reopened.handle(id, Long.class).orElseThrow().result().get(60, TimeUnit.SECONDS);
            assertThat(sum).isEqualTo((long) STEPS * (STEPS + 1) / 2);
            assertThat(reopened.job(id).orElseThrow().stepsCompleted()).isEqualTo(STEPS);
        }
        Map<String, Integer> runs = new HashMap<>();
        for (String line : Files.readAllLines(side)) {
            if (!line.isBlank()) {
                runs.merge(line.trim(), 1, Integer::sum);
            }
        }
        for (int i = 1; i <= STEPS; i++) {
            String step = "s" + i;
            if (committed.contains(step)) {
                assertThat(runs.get(step)).as("%s was committed before the kill: it ran once", step).isEqualTo(1);
            } else {
                assertThat(runs.get(step)).as("%s ran at least once, at most twice", step).isBetween(1, 2);
            }
        }
    }

    @ParameterizedTest(name = "kill after at least {0} items")
    @ValueSource(ints = {10, 260})
    void a_committed_batch_chunk_never_runs_again_after_kill_9(int killAfter) throws Exception {
        Path library = dir.resolve("lib");
        Path side = dir.resolve("items.log");
        int items = 500;
        String id;
        try (ChildJvm child = ChildJvm.start(StepsChild.class, dir.resolve("child.log"), library.toString(),
                side.toString(), String.valueOf(items), "300", "batch")) {
            id = child.awaitLine("READY ").substring(6);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                    .until(() -> Files.exists(side) && Files.readAllLines(side).size() >= killAfter);
            child.kill();
        }
        List<String> committed = committedSteps(library, id);
        try (Library reopened = TestLibraries.open(library)) {
            long sum = reopened.handle(id, Long.class).orElseThrow().result().get(60, TimeUnit.SECONDS);
            assertThat(sum).isEqualTo((long) items * (items + 1) / 2);
            assertThat(reopened.job(id).orElseThrow().progress()).isEqualTo(new dev.stint.Progress.Count(items, items));
        }
        Map<Integer, Integer> runs = new HashMap<>();
        List<String> lines = Files.readAllLines(side);
        for (String line : lines.subList(0, lines.size())) {
            if (!line.isBlank()) {
                runs.merge(Integer.parseInt(line.trim()), 1, Integer::sum);
            }
        }
        for (int n = 1; n <= items; n++) {
            boolean inCommittedChunk = committed.contains("items#" + ((n - 1) / 25));
            if (inCommittedChunk) {
                assertThat(runs.get(n)).as("item %d was in a committed chunk: processed once", n).isEqualTo(1);
            } else {
                assertThat(runs.get(n)).as("item %d processed at least once", n).isBetween(1, 2);
            }
        }
    }

    @Test
    void a_paused_job_resumes_at_the_first_step_not_committed() throws Exception {
        Path side = dir.resolve("steps.log");
        try (Library library = TestLibraries.open(dir.resolve("lib"))) {
            JobHandle<Long> handle = library.dispatch(new StepsJob(200, 2000, side.toString()));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(side) && Files.readAllLines(side).size() >= 20);
            handle.pause();
            await().atMost(Duration.ofSeconds(10)).until(() -> handle.status() == JobStatus.PAUSED);
            int done = library.job(handle.id()).orElseThrow().stepsCompleted();
            assertThat(done).isGreaterThanOrEqualTo(19);
            handle.resume();
            assertThat(handle.result().get(30, TimeUnit.SECONDS)).isEqualTo(200L * 201 / 2);
        }
        List<String> lines = Files.readAllLines(side);
        assertThat(lines).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void batches_commit_per_chunk_and_results_merge_with_null_removing_a_key() throws Exception {
        try (Library library = TestLibraries.open(dir.resolve("lib"))) {
            JobHandle<Long> handle = library.dispatch(new BatchJob(1000, 64));
            assertThat(handle.result().get(10, TimeUnit.SECONDS)).isEqualTo(500_500L);
            JobInfo info = library.job(handle.id()).orElseThrow();
            assertThat(info.stepsCompleted()).isEqualTo(16);
            assertThat(new ObjectMapper().readTree(info.resultsJson()))
                    .isEqualTo(new ObjectMapper().readTree("{\"phase\":\"done\",\"sum\":500500}"));
            assertThat(info.progress()).isEqualTo(new dev.stint.Progress.Count(1000, 1000));
        }
    }

    @Test
    void a_job_stored_by_version_1_is_migrated_and_resumed_by_version_2() throws Exception {
        Path lib = dir.resolve("lib");
        String id;
        try (Library v1 = Library.builder(lib).catalog(new TestCatalog(ImportJobV1.class)).useServiceLoader(false)
                .autoStart(false).open()) {
            id = v1.dispatch(new ImportJobV1("/photos")).id();
            assertThat(v1.job(id).orElseThrow().version()).isEqualTo(1);
        }
        try (Library v2 = Library.builder(lib).catalog(new TestCatalog(ImportJobV2.class)).useServiceLoader(false).open()) {
            assertThat(v2.handle(id, String.class).orElseThrow().result().get(10, TimeUnit.SECONDS))
                    .isEqualTo("/photos limit 10 count 0");
            assertThat(v2.job(id).orElseThrow().version()).isEqualTo(2);
        }
    }

    @Test
    void a_version_with_no_migration_path_fails_alone_naming_both_versions() throws Exception {
        Path lib = dir.resolve("lib");
        String old;
        try (Library v1 = Library.builder(lib).catalog(new TestCatalog(ImportJobV1.class, CountJob.class))
                .useServiceLoader(false).autoStart(false).open()) {
            old = v1.dispatch(new ImportJobV1("/photos")).id();
        }
        try (Library v3 = Library.builder(lib).catalog(new TestCatalog(ImportJobV3.class, CountJob.class))
                .useServiceLoader(false).open()) {
            assertThatThrownBy(() -> v3.handle(old).orElseThrow().result().get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(JobFailedException.class).hasMessageContaining("version 1").hasMessageContaining("version 3");
            assertThat(v3.job(old).orElseThrow().error().type()).isEqualTo(IncompatibleJobVersionException.class.getName());
            assertThat(v3.dispatch(new CountJob(3, 1, 0, null)).result().get(10, TimeUnit.SECONDS).sum()).isEqualTo(6);
        }
    }

    private static List<String> committedSteps(Path library, String id) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("jobs.db"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM job_steps WHERE job_id = '" + id + "'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
