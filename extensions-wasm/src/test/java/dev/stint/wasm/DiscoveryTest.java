package dev.stint.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where extensions are found, what is reported when they are broken, and how capabilities are granted. */
class DiscoveryTest {
    @TempDir
    Path dir;

    @Test
    void the_demo_extension_is_found_on_the_class_path() {
        WasmExtensions extensions = WasmExtensions.discover(dir);

        assertThat(extensions.problems()).isEmpty();
        assertThat(extensions.extensions()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("demo-wasm");
            assertThat(e.location()).endsWith("META-INF/stint/extensions/demo-wasm/stint-extension.json");
            assertThat(e.jobs()).containsExactly("demo-wasm:count", "demo-wasm:trap");
        });
        assertThat(extensions.catalog().jobs()).extracting(d -> d.key())
                .containsExactly("demo-wasm:count@1", "demo-wasm:trap@1");
        assertThat(extensions.report()).contains("extension demo-wasm 1.0.0");
    }

    @Test
    void class_path_scanning_can_be_turned_off() {
        assertThat(WasmExtensions.builder(dir).scanClassPath(false).discover().extensions()).isEmpty();
    }

    @Test
    void broken_descriptors_are_reported_and_do_not_stop_the_other_extensions() {
        Plugins.install(dir, "a-malformed", "{\"id\": \"x\", ");
        Plugins.install(dir, "b-typo", "{\"id\": \"typo\", \"abiVersion\": 1, \"jobz\": []}");
        Plugins.install(dir, "c-abi", "{\"id\": \"future\", \"abiVersion\": 2, \"jobs\": [{\"name\": \"a\", \"module\": \"a.wasm\"}]}");
        Plugins.install(dir, "d-id", "{\"id\": \"Bad Id\", \"abiVersion\": 1, \"jobs\": []}");
        Plugins.install(dir, "e-missing", Plugins.descriptor("missing", "gone"));
        Plugins.install(dir, "f-escape", "{\"id\": \"escape\", \"abiVersion\": 1, \"jobs\": [{\"name\": \"a\", \"module\": \"../x.wasm\"}]}");
        Plugins.install(dir, "g-limits", "{\"id\": \"greedy\", \"abiVersion\": 1, \"limits\": {\"wallTimeSeconds\": 999999},"
                + " \"jobs\": [{\"name\": \"count\", \"module\": \"count.wasm\"}]}", "demo/count");
        Plugins.install(dir, "h-good", Plugins.descriptor("good", "demo/count"), "demo/count");

        WasmExtensions extensions = WasmExtensions.discover(dir);

        assertThat(extensions.jobNames()).containsExactlyInAnyOrder("good:count", "demo-wasm:count", "demo-wasm:trap");
        assertThat(extensions.problems()).extracting(ExtensionProblem::message).satisfiesExactly(
                m -> assertThat(m).contains("a-malformed", "malformed stint-extension.json"),
                m -> assertThat(m).contains("b-typo", "unknown field \"jobz\"", "allowed there: abiVersion"),
                m -> assertThat(m).contains("extension 'future'", "declares ABI version 2", "implements ABI version 1"),
                m -> assertThat(m).contains("\"id\" must be", "'Bad Id'"),
                m -> assertThat(m).contains("missing:gone", "module file gone.wasm not found"),
                m -> assertThat(m).contains("extension 'escape'", "\"module\" must be a relative path"),
                m -> assertThat(m).contains("extension 'greedy'", "wallTimeSeconds 999999", "over the application's limit"));
        assertThat(extensions.problems()).allSatisfy(p -> assertThat(p.error()).isInstanceOf(InvalidExtensionException.class));
    }

    @Test
    void an_ungranted_capability_rejects_the_extension_and_its_jobs_fail_with_the_reason() throws Exception {
        String descriptor = "{\"id\": \"timed\", \"abiVersion\": 1, \"capabilities\": [\"clock\"],"
                + " \"jobs\": [{\"name\": \"clock\", \"module\": \"clock.wasm\"}]}";
        Plugins.install(dir, "timed", descriptor, "clock");

        WasmExtensions extensions = WasmExtensions.discover(dir);

        assertThat(extensions.problems()).singleElement().satisfies(p -> {
            assertThat(p.error()).isInstanceOf(InvalidExtensionException.class);
            assertThat(p.message()).contains("requests capability 'clock'", "not granted", "grant(\"clock\")");
        });
        assertThat(extensions.extensions()).filteredOn(e -> e.id().equals("timed")).singleElement()
                .satisfies(e -> assertThat(e.rejectedJobs()).containsExactly("timed:clock"));
        try (Library library = Plugins.open(dir, extensions)) {
            JobHandle<Object> handle = library.dispatch("timed:clock", "{}");
            assertThat(handle.result()).failsWithin(30, TimeUnit.SECONDS);
            JobInfo info = library.job(handle.id()).orElseThrow();
            assertThat(info.status()).isEqualTo(JobStatus.FAILED);
            assertThat(info.error().type()).isEqualTo(InvalidExtensionException.class.getName());
            assertThat(info.error().message()).contains("requests capability 'clock'");
        }
    }

    @Test
    void a_granted_capability_gives_the_module_its_host_functions() throws Exception {
        String descriptor = "{\"id\": \"timed\", \"abiVersion\": 1, \"capabilities\": [\"clock\"],"
                + " \"jobs\": [{\"name\": \"clock\", \"module\": \"clock.wasm\"}]}";
        Plugins.install(dir, "timed", descriptor, "clock");

        WasmExtensions extensions = WasmExtensions.builder(dir).grant("clock").discover();

        assertThat(extensions.problems()).isEmpty();
        assertThat(extensions.granted()).containsExactly(WasmCapability.CLOCK);
        try (Library library = Plugins.open(dir, extensions)) {
            Object output = library.dispatch("timed:clock", "{}").result().get(30, TimeUnit.SECONDS);
            assertThat(output).isEqualTo(Map.of("clock", true));
        }
    }

    @Test
    void a_module_importing_a_capability_its_descriptor_did_not_request_is_rejected() {
        Plugins.install(dir, "sneaky", Plugins.descriptor("sneaky", "clock"), "clock");

        WasmExtensions extensions = WasmExtensions.builder(dir).grant(WasmCapability.CLOCK).discover();

        assertThat(extensions.problems()).singleElement().satisfies(p -> {
            assertThat(p.job()).contains("sneaky:clock");
            assertThat(p.error()).isInstanceOf(InvalidExtensionException.class);
            assertThat(p.message()).contains("imports stint.clock_millis", "needs capability 'clock'");
        });
    }

    @Test
    void a_plugin_jar_in_the_plugin_folder_is_discovered_and_its_jobs_run() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (OutputStream file = Files.newOutputStream(plugins.resolve("counting.jar"));
                JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("META-INF/stint/extensions/counting/stint-extension.json"));
            jar.write(Plugins.descriptor("counting", "demo/count").getBytes(StandardCharsets.UTF_8));
            jar.putNextEntry(new JarEntry("META-INF/stint/extensions/counting/count.wasm"));
            jar.write(Plugins.module("demo/count"));
        }

        WasmExtensions extensions = WasmExtensions.discover(dir);

        assertThat(extensions.problems()).isEmpty();
        assertThat(extensions.extensions()).filteredOn(e -> e.id().equals("counting")).singleElement()
                .satisfies(e -> assertThat(e.location()).startsWith("jar:").contains("counting.jar!"));
        try (Library library = Plugins.open(dir, extensions)) {
            Object output = library.dispatch("counting:count", "{\"to\": 10}").result().get(30, TimeUnit.SECONDS);
            assertThat(output).isEqualTo(Map.of("sum", 55, "resumedFrom", 0));
        }
    }

    @Test
    void a_library_plugin_cannot_replace_an_extension_the_application_ships() {
        // issue 14: a library folder may come from another user; what the application ships must win
        Path folder = Plugins.install(dir, "demo", Plugins.descriptor("demo-wasm", "demo/count"), "demo/count");

        WasmExtensions extensions = WasmExtensions.discover(dir);

        assertThat(extensions.extensions()).singleElement().satisfies(e -> {
            assertThat(e.location()).doesNotContain(folder.getFileName().toString() + "/stint-extension.json");
            // the shipped extension (which has a trap job besides count), not the plugin's copy
            assertThat(e.jobs()).containsExactly("demo-wasm:count", "demo-wasm:trap");
        });
        assertThat(extensions.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("duplicate extension id", "the application ships",
                    "cannot replace it", "this copy is ignored");
            assertThat(p.location()).contains(folder.getFileName().toString());
        });
    }

    @Test
    void an_application_can_keep_library_plugins_out() {
        Plugins.install(dir, "extra", Plugins.descriptor("extra", "demo/count"), "demo/count");

        assertThat(WasmExtensions.discover(dir).extensions()).extracting(e -> e.id()).contains("extra");
        assertThat(WasmExtensions.builder(dir).useLibraryPluginFolder(false).discover().extensions())
                .extracting(e -> e.id()).doesNotContain("extra");
    }

    @Test
    void settings_are_validated_when_set() {
        assertThatThrownBy(() -> WasmExtensions.builder(dir).grant("filesystem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown capability 'filesystem'").hasMessageContaining("clock, random");
        assertThatThrownBy(() -> WasmLimits.defaults().withMaxMemoryPages(0))
                .hasMessageContaining("maxMemoryPages must be 1..65536");
        assertThatThrownBy(() -> WasmLimits.defaults().withWallTime(Duration.ZERO))
                .hasMessageContaining("wallTime must be > 0");
        assertThatThrownBy(() -> WasmLimits.defaults().withMaxStateBytes(-1))
                .hasMessageContaining("maxStateBytes must be >= 0");
    }
}
