package dev.stint.it;

import dev.stint.StopReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stint.ChildJobFailedException;
import dev.stint.JobEvent;
import dev.stint.JobFailedException;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Progress;
import dev.stint.jobs.TreeJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Child jobs: spawn with the parent's checkpoint, wait without a worker, survive restarts and kill -9. */
class ChildJobsTest {
    @TempDir
    Path dir;

    @Test
    void a_waiting_parent_holds_no_worker_so_its_children_run_even_with_one_worker() throws Exception {
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        try (Library library = TestLibraries.builder(dir).concurrency(1).open()) {
            library.subscribe(events::add);
            JobHandle<List<String>> parent = library.dispatch(new TreeJob(3, 20, 200, false, false));
            assertThat(parent.result().get(20, TimeUnit.SECONDS)).containsExactly(
                    "{\"sum\":210,\"resumedFrom\":0}", "{\"sum\":231,\"resumedFrom\":0}", "{\"sum\":253,\"resumedFrom\":0}");
            List<JobInfo> children = library.query(JobQuery.all().withParent(parent.id()));
            assertThat(children).hasSize(3).allSatisfy(c -> {
                assertThat(c.status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(c.parentId()).isEqualTo(parent.id());
            });
            JobInfo info = library.job(parent.id()).orElseThrow();
            assertThat(info.runCount()).isEqualTo(2);
            // while it waited, the parent's progress rolled up from its children
            await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e ->
                    e instanceof JobEvent.ProgressUpdated p && p.jobId().equals(parent.id())
                            && p.progress() instanceof Progress.Percent pct && pct.value() > 0));
        }
    }

    @Test
    void the_wait_survives_a_restart() throws Exception {
        String parentId;
        try (Library library = TestLibraries.builder(dir).concurrency(2).open()) {
            JobHandle<List<String>> parent = library.dispatch(new TreeJob(2, 5000, 200, false, false));
            parentId = parent.id();
            await().atMost(Duration.ofSeconds(10)).until(() -> library.query(JobQuery.all().withParent(parentId)
                    .withStatus(JobStatus.RUNNING)).size() == 2);
            assertThat(library.job(parentId).orElseThrow().stopReason()).isEqualTo(StopReason.WAITING);
        }
        try (Library library = TestLibraries.builder(dir).concurrency(2).open()) {
            List<String> out = library.handle(parentId).map(h -> {
                try {
                    @SuppressWarnings("unchecked")
                    List<String> r = (List<String>) h.result().get(60, TimeUnit.SECONDS);
                    return r;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).orElseThrow();
            assertThat(out).hasSize(2).allSatisfy(o -> assertThat(o).contains("\"resumedFrom\":"));
            assertThat(library.query(JobQuery.all().withParent(parentId))).hasSize(2);
        }
    }

    @Test
    void a_failed_child_fails_the_parent_or_is_collected_by_policy() throws Exception {
        try (Library library = TestLibraries.open(dir)) {
            JobHandle<List<String>> strict = library.dispatch(new TreeJob(2, 5, 0, true, false));
            assertThatThrownBy(() -> strict.result().get(20, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(JobFailedException.class).hasMessageContaining("did not complete");
            assertThat(library.job(strict.id()).orElseThrow().error().type()).isEqualTo(ChildJobFailedException.class.getName());
            JobHandle<List<String>> lenient = library.dispatch(new TreeJob(2, 5, 0, true, true));
            assertThat(lenient.result().get(20, TimeUnit.SECONDS)).containsExactly("failed", "{\"sum\":21,\"resumedFrom\":0}");
        }
    }

    @Test
    void cancelling_or_pausing_a_parent_applies_to_its_children() throws Exception {
        try (Library library = TestLibraries.builder(dir).concurrency(4).open()) {
            JobHandle<List<String>> parent = library.dispatch(new TreeJob(2, 1_000_000, 500, false, false));
            await().atMost(Duration.ofSeconds(10)).until(() -> library.query(JobQuery.all().withParent(parent.id())
                    .withStatus(JobStatus.RUNNING)).size() == 2);
            parent.pause();
            await().atMost(Duration.ofSeconds(10)).until(() -> library.query(JobQuery.all().withParent(parent.id())
                    .withStatus(JobStatus.PAUSED)).size() == 2);
            assertThat(parent.status()).isEqualTo(JobStatus.PAUSED);
            parent.cancel();
            await().atMost(Duration.ofSeconds(10)).until(() -> library.query(JobQuery.all().withParent(parent.id())
                    .withStatus(JobStatus.CANCELLED)).size() == 2);
            assertThat(parent.status()).isEqualTo(JobStatus.CANCELLED);
        }
    }

    @ParameterizedTest(name = "kill after {0} ms")
    @ValueSource(ints = {150, 600})
    void every_child_finishes_exactly_once_and_the_parent_resumes_after_kill_9(int killAfterMillis) throws Exception {
        Path library = dir.resolve("lib");
        String parentId;
        try (ChildJvm child = ChildJvm.start(TreeChild.class, dir.resolve("child.log"), library.toString(), "4", "400",
                "1000")) {
            parentId = child.awaitLine("READY ").substring(6);
            long until = System.nanoTime() + killAfterMillis * 1_000_000L;
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> System.nanoTime() >= until);
            child.kill();
        }
        try (Library reopened = TestLibraries.builder(library).concurrency(2).open()) {
            Object out = reopened.handle(parentId).orElseThrow().result().get(60, TimeUnit.SECONDS);
            assertThat((List<?>) out).hasSize(4);
            List<JobInfo> children = reopened.query(JobQuery.all().withParent(parentId));
            assertThat(children).hasSize(4).allSatisfy(c -> assertThat(c.status()).isEqualTo(JobStatus.COMPLETED));
            assertThat(reopened.history(100)).filteredOn(i -> i.id().equals(parentId)).hasSize(1);
        }
    }
}
