package dev.stint.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.StopReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything a module can make the host allocate besides memory (tables, declared or grown, globals, element
 * and data segments, instances) counts against {@link WasmLimits}: a module over a limit is refused at
 * discovery with a {@link ModuleLimitException} that names the limit, the module's value and what to change,
 * and its jobs fail with it while a good job beside them completes.
 */
class ModuleLimitsTest {
    @TempDir
    Path dir;

    private record Case(byte[] module, String... messageParts) {
    }

    private static Map<String, Case> overTheDefaults() {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("manytables", new Case(new ModuleBytes().tables(1000, 10).build(),
                "declares 1000 tables, over the limit of 8 (WasmLimits.maxTables)", "WasmLimits.withMaxTables"));
        // the module of the report: tables of ten million entries
        cases.put("hugetable", new Case(new ModuleBytes().tables(1, 10_000_000).build(),
                "tables of 10000000 elements in all", "over the limit of 65536 (WasmLimits.maxTableElements)",
                "lower the tables' maxima", "WasmLimits.withMaxTableElements"));
        cases.put("bigtables", new Case(new ModuleBytes().tables(8, 10_000).build(),
                "tables of 80000 elements in all", "WasmLimits.maxTableElements"));
        cases.put("growabletable", new Case(new ModuleBytes().tables(1, -1).build(),
                "declares table 0 with no maximum size", "declare a maximum", "65536 elements"));
        cases.put("manyglobals", new Case(new ModuleBytes().globals(2000).build(),
                "defines 2000 globals, over the limit of 1024 (WasmLimits.maxGlobals)", "WasmLimits.withMaxGlobals"));
        cases.put("hugeelements", new Case(new ModuleBytes().elementSegments(1, 1_000_000).build(),
                "element segments of 1000000 entries in all, over the limit of 65536 (WasmLimits.maxTableElements"));
        cases.put("manyelementsegments", new Case(new ModuleBytes().elementSegments(2000, 1).build(),
                "has 2000 element segments, over the limit of 1024 (WasmLimits.maxElementSegments)"));
        cases.put("manydatasegments", new Case(new ModuleBytes().dataSegments(2000, 1).build(),
                "has 2000 data segments, over the limit of 1024 (WasmLimits.maxDataSegments)"));
        cases.put("bigdata", new Case(new ModuleBytes().dataSegments(2, 40_000).build(),
                "data segments of 80000 bytes in all, more than its memory maximum of 65536 bytes",
                "declare a larger memory maximum"));
        return cases;
    }

    @Test
    void each_module_over_a_limit_is_refused_at_discovery_naming_the_limit_and_fails_alone() throws Exception {
        Map<String, Case> cases = overTheDefaults();
        install("over", "test-over", cases);

        WasmExtensions extensions = WasmExtensions.discover(dir);

        Map<String, ExtensionProblem> problems = new LinkedHashMap<>();
        for (ExtensionProblem p : extensions.problems()) {
            problems.put(p.job().orElseThrow(), p);
        }
        assertThat(problems.keySet()).containsExactlyInAnyOrderElementsOf(
                cases.keySet().stream().map(n -> "test-over:" + n).toList());
        for (Map.Entry<String, Case> c : cases.entrySet()) {
            ExtensionProblem p = problems.get("test-over:" + c.getKey());
            assertThat(p.error()).as(c.getKey()).isInstanceOf(ModuleLimitException.class);
            assertThat(p.message()).as(c.getKey()).contains("test-over:" + c.getKey())
                    .contains(List.of(c.getValue().messageParts()));
        }

        try (Library library = Plugins.builder(dir, extensions).concurrency(4).open()) {
            JobHandle<Object> good = library.dispatch("demo-wasm:count", "{\"to\": 300, \"checkpointEvery\": 30}");
            Map<String, String> ids = new LinkedHashMap<>();
            for (String name : cases.keySet()) {
                ids.put(name, library.dispatch("test-over:" + name, "{}").id());
            }
            assertThat(good.result().get(60, TimeUnit.SECONDS)).isEqualTo(Map.of("sum", 45150, "resumedFrom", 0));
            assertThat(library.awaitIdle(Duration.ofSeconds(60))).isTrue();
            for (Map.Entry<String, String> e : ids.entrySet()) {
                JobInfo info = library.job(e.getValue()).orElseThrow();
                assertThat(info.status()).as(e.getKey()).isEqualTo(JobStatus.FAILED);
                assertThat(info.error().type()).as(e.getKey()).isEqualTo(ModuleLimitException.class.getName());
                assertThat(info.error().message()).as(e.getKey()).contains(List.of(cases.get(e.getKey()).messageParts()));
            }
            assertThat(library.activeJobs()).isEmpty();
        }
    }

    @Test
    void raising_the_limit_named_in_the_message_lets_the_same_modules_load_and_run() throws Exception {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("manytables", new Case(new ModuleBytes().tables(1000, 10).build()));
        cases.put("manyglobals", new Case(new ModuleBytes().globals(2000).build()));
        cases.put("hugeelements", new Case(new ModuleBytes().elementSegments(1, 100_000).build()));
        cases.put("manyelementsegments", new Case(new ModuleBytes().elementSegments(2000, 1).build()));
        cases.put("manydatasegments", new Case(new ModuleBytes().dataSegments(2000, 1).build()));
        cases.put("segments", new Case(Plugins.module("segments"))); // every segment encoding, at the defaults
        install("raised", "test-raised", cases);

        WasmExtensions extensions = WasmExtensions.builder(dir)
                .limits(WasmLimits.defaults().withMaxTables(1000).withMaxTableElements(100_000).withMaxGlobals(2000)
                        .withMaxElementSegments(2000).withMaxDataSegments(2000))
                .discover();

        assertThat(extensions.problems()).isEmpty();
        try (Library library = Plugins.builder(dir, extensions).concurrency(2).open()) {
            for (String name : cases.keySet()) {
                JobHandle<Object> h = library.dispatch("test-raised:" + name, "{}");
                assertThat(h.result().get(60, TimeUnit.SECONDS)).as(name).isNull();
                assertThat(h.status()).as(name).isEqualTo(JobStatus.COMPLETED);
            }
        }
    }

    @Test
    void runs_over_the_instance_limit_wait_their_turn_and_still_answer_a_pause() throws Exception {
        Plugins.install(dir, "loop", Plugins.descriptor("test-loop", "loop"), "loop");
        Duration wall = Duration.ofSeconds(1);
        WasmExtensions extensions = WasmExtensions.builder(dir)
                .limits(WasmLimits.defaults().withMaxInstances(1).withWallTime(wall))
                .discover();
        try (Library library = Plugins.builder(dir, extensions).concurrency(3).open()) {
            long start = System.nanoTime();
            JobHandle<Object> first = library.dispatch("test-loop:loop", "{}");
            JobHandle<Object> second = library.dispatch("test-loop:loop", "{}");
            await().atMost(Duration.ofSeconds(30)).until(() -> first.status().isTerminal() && second.status().isTerminal());
            long elapsed = System.nanoTime() - start;
            for (JobHandle<Object> h : List.of(first, second)) {
                assertThat(library.job(h.id()).orElseThrow().error().type())
                        .isEqualTo(WallTimeExceededException.class.getName());
            }
            // one instance at a time: the second module started only once the first one's context was closed
            assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(wall.multipliedBy(2));
        }

        WasmExtensions longRuns = WasmExtensions.builder(dir)
                .limits(WasmLimits.defaults().withMaxInstances(1).withStopGrace(Duration.ofMillis(300)))
                .discover();
        try (Library library = Plugins.builder(dir, longRuns).concurrency(2).open()) {
            JobHandle<Object> holder = library.dispatch("test-loop:loop", "{}");
            await().atMost(Duration.ofSeconds(30)).until(() -> holder.status() == JobStatus.RUNNING);
            JobHandle<Object> waiting = library.dispatch("test-loop:loop", "{}");
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting.status() == JobStatus.RUNNING);

            waiting.pause(); // it waits for the only instance permit, which the looping module holds

            await().atMost(Duration.ofSeconds(10)).until(() -> waiting.status() == JobStatus.PAUSED);
            assertThat(library.job(waiting.id()).orElseThrow().stopReason()).isEqualTo(StopReason.PAUSE);
            assertThat(holder.status()).isEqualTo(JobStatus.RUNNING);
            holder.cancel();
            await().atMost(Duration.ofSeconds(30)).until(() -> holder.status() == JobStatus.CANCELLED);
        }
    }

    @Test
    void every_new_limit_is_checked_and_named() {
        assertThatThrownBy(() -> WasmLimits.defaults().withMaxTables(-1)).hasMessageContaining("maxTables must be 0..100000");
        assertThatThrownBy(() -> WasmLimits.defaults().withMaxTableElements(10_000_001))
                .hasMessageContaining("maxTableElements must be 0..10000000, was 10000001");
        assertThatThrownBy(() -> WasmLimits.defaults().withMaxGlobals(-1)).hasMessageContaining("maxGlobals");
        assertThatThrownBy(() -> WasmLimits.defaults().withMaxElementSegments(100_001))
                .hasMessageContaining("maxElementSegments");
        assertThatThrownBy(() -> WasmLimits.defaults().withMaxDataSegments(-1)).hasMessageContaining("maxDataSegments");
        assertThatThrownBy(() -> WasmLimits.defaults().withMaxInstances(0)).hasMessageContaining("maxInstances must be 1..");
        WasmLimits d = WasmLimits.defaults();
        assertThat(List.of(d.maxTables(), d.maxTableElements(), d.maxGlobals(), d.maxElementSegments(),
                d.maxDataSegments(), d.maxInstances())).containsExactly(8, 65536, 1024, 1024, 1024, 4);
    }

    /** A plugin folder whose jobs each use the module of the same name. */
    private void install(String folder, String id, Map<String, Case> cases) throws IOException {
        Path plugin = Files.createDirectories(dir.resolve("plugins").resolve(folder));
        Files.writeString(plugin.resolve("stint-extension.json"),
                Plugins.descriptor(id, cases.keySet().toArray(String[]::new)));
        for (Map.Entry<String, Case> c : cases.entrySet()) {
            Files.write(plugin.resolve(c.getKey() + ".wasm"), c.getValue().module());
        }
    }
}
