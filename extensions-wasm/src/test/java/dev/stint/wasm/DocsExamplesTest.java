package dev.stint.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobHandle;
import dev.stint.Library;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of {@code docs/extensions.md}: the WAT one ({@code src/test/wat/ticks.wat}) and the C one
 * ({@code src/test/c/sum.c}, built with clang 14 and committed as {@code src/test/resources/wasm/c-sum.wasm})
 * run as extension jobs.
 */
class DocsExamplesTest {
    @TempDir
    Path dir;

    @Test
    void the_wat_example_counts_its_ticks() throws Exception {
        Plugins.install(dir, "ticks", Plugins.descriptor("example", "ticks"), "ticks");
        try (Library library = Plugins.open(dir, WasmExtensions.discover(dir))) {
            JobHandle<Object> handle = library.dispatch("example:ticks", "{}");

            assertThat(handle.result().get(60, TimeUnit.SECONDS)).isEqualTo(Map.of("ticks", 100));
            assertThat(library.job(handle.id()).orElseThrow().checkpoints()).isEqualTo(10);
        }
    }

    @Test
    void a_module_built_from_c_with_clang_runs_and_checkpoints() throws Exception {
        Plugins.install(dir, "c", Plugins.descriptor("c-demo", "c-sum"), "c-sum");
        WasmExtensions extensions = WasmExtensions.discover(dir);
        assertThat(extensions.problems()).isEmpty();
        try (Library library = Plugins.open(dir, extensions)) {
            JobHandle<Object> handle = library.dispatch("c-demo:c-sum", "{\"to\": 5000}");

            assertThat(handle.result().get(60, TimeUnit.SECONDS)).isEqualTo(Map.of("sum", 12502500, "resumedFrom", 0));
            assertThat(library.job(handle.id()).orElseThrow().checkpoints()).isEqualTo(5);
        }
    }
}
