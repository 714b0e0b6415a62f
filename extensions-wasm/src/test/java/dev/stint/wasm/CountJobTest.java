package dev.stint.wasm;

import dev.stint.StopReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stint.InvalidJobArgumentsException;
import dev.stint.JobEvent;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Progress;
import dev.stint.UnknownJobTypeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo extension's counting job, found on the class path, through the whole job lifecycle. */
class CountJobTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void count_dispatched_by_name_completes_with_its_json_output_and_progress() throws Exception {
        WasmExtensions extensions = WasmExtensions.discover(dir);
        assertThat(extensions.jobNames()).contains("demo-wasm:count");
        try (Library library = Plugins.open(dir, extensions)) {
            List<Progress> progress = new CopyOnWriteArrayList<>();
            library.subscribe(e -> {
                if (e instanceof JobEvent.ProgressUpdated p) {
                    progress.add(p.progress());
                }
            });
            JobHandle<Object> handle = library.dispatch("demo-wasm:count", "{\"to\": 500, \"checkpointEvery\": 50, \"spin\": 200}");

            Object output = handle.result().get(60, TimeUnit.SECONDS);

            assertThat(output).isEqualTo(Map.of("sum", (int) Json.sum(500), "resumedFrom", 0));
            JobInfo info = library.job(handle.id()).orElseThrow();
            assertThat(info.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(info.name()).isEqualTo("demo-wasm:count");
            JsonNode json = Json.parse(info.outputJson());
            assertThat(json.get("sum").asLong()).isEqualTo(Json.sum(500));
            assertThat(json.get("resumedFrom").asLong()).isZero();
            assertThat(info.checkpoints()).isEqualTo(10);
            await().atMost(LONG).until(() -> !progress.isEmpty()
                    && progress.get(progress.size() - 1) instanceof Progress.Count c && c.done() == 500);
            assertThat(progress).allSatisfy(p -> assertThat(p).isInstanceOfSatisfying(Progress.Count.class,
                    c -> assertThat(c.total()).isEqualTo(500)));
        }
    }

    @Test
    void paused_count_resumes_from_where_it_stopped_and_completes() throws Exception {
        WasmExtensions extensions = WasmExtensions.discover(dir);
        try (Library library = Plugins.open(dir, extensions)) {
            List<Long> done = new CopyOnWriteArrayList<>();
            JobHandle<Object> handle = library.dispatch("demo-wasm:count",
                    "{\"to\": 1000, \"checkpointEvery\": 5000, \"spin\": 10000}");
            handle.subscribe(e -> {
                if (e instanceof JobEvent.ProgressUpdated p && p.progress() instanceof Progress.Count c) {
                    done.add(c.done());
                }
            });
            await().atMost(LONG).until(() -> !done.isEmpty() && done.get(done.size() - 1) >= 20);

            handle.pause();
            await().atMost(LONG).until(() -> handle.status() == JobStatus.PAUSED);
            JobInfo paused = library.job(handle.id()).orElseThrow();
            assertThat(paused.stopReason()).isEqualTo(StopReason.PAUSE);
            long pausedAt = ((Progress.Count) paused.progress()).done();
            assertThat(pausedAt).isBetween(20L, 999L);

            handle.resume();
            Object output = handle.result().get(60, TimeUnit.SECONDS);

            // no regular checkpoint happens before 5000: the state stored at the pause is where it resumed
            assertThat(output).isEqualTo(Map.of("sum", (int) Json.sum(1000), "resumedFrom", (int) pausedAt));
            assertThat(library.job(handle.id()).orElseThrow().runCount()).isEqualTo(2);
        }
    }

    @Test
    void count_stopped_by_close_resumes_by_itself_on_the_next_open() throws Exception {
        String id;
        try (Library library = Plugins.open(dir, WasmExtensions.discover(dir))) {
            JobHandle<Object> handle = library.dispatch("demo-wasm:count",
                    "{\"to\": 1000, \"checkpointEvery\": 10, \"spin\": 10000}");
            id = handle.id();
            await().atMost(LONG).until(() -> library.job(id).orElseThrow().checkpoints() >= 2);
        }
        try (Library library = Plugins.builder(dir, WasmExtensions.discover(dir)).autoStart(false).open()) {
            JobInfo stopped = library.job(id).orElseThrow();
            assertThat(stopped.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(stopped.stopReason()).isEqualTo(StopReason.SHUTDOWN);
            long savedAt = ((Progress.Count) stopped.progress()).done();
            library.start();
            Object output = library.handle(id).orElseThrow().result().get(60, TimeUnit.SECONDS);
            assertThat(output).isEqualTo(Map.of("sum", (int) Json.sum(1000), "resumedFrom", (int) savedAt));
            assertThat(savedAt).isPositive();
        }
    }

    @Test
    void cancelled_count_is_cancelled_and_never_resumes() throws Exception {
        try (Library library = Plugins.open(dir, WasmExtensions.discover(dir))) {
            JobHandle<Object> handle = library.dispatch("demo-wasm:count", "{\"to\": 100000, \"spin\": 1000}");
            await().atMost(LONG).until(() -> handle.status() == JobStatus.RUNNING);
            handle.cancel();
            await().atMost(LONG).until(() -> handle.status() == JobStatus.CANCELLED);
            assertThat(library.activeJobs()).isEmpty();
        }
    }

    @Test
    void dispatch_rejects_arguments_that_are_not_a_json_object_and_stores_nothing() {
        try (Library library = Plugins.open(dir, WasmExtensions.discover(dir))) {
            assertThatThrownBy(() -> library.dispatch("demo-wasm:count", "[1, 2]"))
                    .isInstanceOf(InvalidJobArgumentsException.class)
                    .hasMessageContaining("must be a JSON object");
            assertThatThrownBy(() -> library.dispatch("demo-wasm:count", "{\"to\": "))
                    .isInstanceOf(InvalidJobArgumentsException.class)
                    .hasMessageContaining("not valid JSON");
            assertThatThrownBy(() -> library.dispatch("demo-wasm:nope", "{}"))
                    .isInstanceOf(UnknownJobTypeException.class)
                    .hasMessageContaining("demo-wasm:count");
            assertThat(library.activeJobs()).isEmpty();
        }
    }

    @Test
    void host_functions_log_report_errors_and_progress_and_the_output_echoes_the_arguments() throws Exception {
        Plugins.install(dir, "echo", Plugins.descriptor("test-echo", "echo"), "echo");
        WasmExtensions extensions = WasmExtensions.discover(dir);
        assertThat(extensions.problems()).isEmpty();
        try (Library library = Plugins.open(dir, extensions)) {
            List<JobEvent> events = new CopyOnWriteArrayList<>();
            library.subscribe(events::add);
            JobHandle<Object> handle = library.dispatch("test-echo:echo", "{\"files\": [\"a\", \"b\"], \"n\": 3}");

            Object output = handle.result().get(60, TimeUnit.SECONDS);

            assertThat(output).isEqualTo(Map.of("files", List.of("a", "b"), "n", 3));
            JobInfo info = library.job(handle.id()).orElseThrow();
            assertThat(info.nonCriticalErrors()).singleElement()
                    .satisfies(e -> assertThat(e.message()).isEqualTo("skipped item 3"));
            assertThat(info.progress()).isEqualTo(new Progress.Bytes(10, 20));
            await().atMost(LONG).until(() -> events.stream().anyMatch(e -> e instanceof JobEvent.StatusChanged s
                    && s.to() == JobStatus.COMPLETED));
            assertThat(events).anyMatch(e -> e instanceof JobEvent.NonCriticalErrorReported);
        }
    }
}
