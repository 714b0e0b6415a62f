package dev.stint.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.ErrorRecord;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of broken module fails its own job with a typed error and a clear message, while a good job
 * dispatched into the same library at the same time completes.
 */
class BadModulesTest {
    @TempDir
    Path dir;

    private record Expect(Class<? extends WasmExtensionException> type, String... messageParts) {
    }

    @Test
    void each_bad_module_fails_alone_with_a_typed_error_while_a_good_job_completes() throws Exception {
        Map<String, Expect> expected = new LinkedHashMap<>();
        expected.put("trap", new Expect(WasmTrapException.class, "test-bad:trap", "unreachable"));
        expected.put("oob", new Expect(WasmTrapException.class, "test-bad:oob", "out-of-bounds"));
        expected.put("loop", new Expect(WallTimeExceededException.class, "test-bad:loop", "wall-time limit of 1 s"));
        expected.put("nomax", new Expect(MemoryLimitException.class, "test-bad:nomax", "no maximum", "256 pages"));
        expected.put("overcap", new Expect(MemoryLimitException.class, "test-bad:overcap", "65536 pages",
                "over the cap of 256 pages"));
        expected.put("noexport", new Expect(AbiViolationException.class, "test-bad:noexport",
                "does not export function stint_run"));
        expected.put("abi2", new Expect(AbiViolationException.class, "test-bad:abi2", "implements ABI version 2"));
        expected.put("bigstate", new Expect(StateTooLargeException.class, "test-bad:bigstate", "2097152 bytes",
                "limit of 1048576"));
        expected.put("badreturn", new Expect(AbiViolationException.class, "test-bad:badreturn", "returned 7"));
        expected.put("badoutput", new Expect(AbiViolationException.class, "test-bad:badoutput", "not valid JSON"));
        expected.put("badptr", new Expect(AbiViolationException.class, "test-bad:badptr", "outside its memory"));
        expected.put("fail", new Expect(ExtensionFailedException.class, "test-bad:fail failed: disk full"));
        expected.put("wasi", new Expect(InvalidExtensionException.class, "wasi_snapshot_preview1.fd_write",
                "Stint does not provide"));

        StringBuilder jobs = new StringBuilder();
        for (String name : expected.keySet()) {
            jobs.append(jobs.isEmpty() ? "" : ", ").append("{\"name\": \"").append(name).append("\", \"module\": \"")
                    .append(name).append(".wasm\"").append(name.equals("loop") ? ", \"limits\": {\"wallTimeSeconds\": 1}" : "")
                    .append('}');
        }
        Plugins.install(dir, "bad", "{\"id\": \"test-bad\", \"abiVersion\": 1, \"jobs\": [" + jobs + "]}",
                expected.keySet().stream().map(m -> m.equals("trap") ? "demo/trap" : m).toArray(String[]::new));

        WasmExtensions extensions = WasmExtensions.discover(dir);
        // discovery already names the modules it can tell are broken without running them
        assertThat(extensions.problems()).extracting(p -> p.job().orElseThrow()).containsExactlyInAnyOrder(
                "test-bad:nomax", "test-bad:overcap", "test-bad:noexport", "test-bad:wasi");
        assertThat(extensions.jobNames()).contains("demo-wasm:count", "test-bad:trap", "test-bad:loop");

        try (Library library = Plugins.builder(dir, extensions).concurrency(4).open()) {
            JobHandle<Object> good = library.dispatch("demo-wasm:count", "{\"to\": 300, \"checkpointEvery\": 30, \"spin\": 500}");
            Map<String, String> ids = new LinkedHashMap<>();
            for (String name : expected.keySet()) {
                ids.put(name, library.dispatch("test-bad:" + name, "{}").id());
            }

            assertThat(good.result().get(60, TimeUnit.SECONDS)).isEqualTo(Map.of("sum", 45150, "resumedFrom", 0));
            assertThat(library.awaitIdle(Duration.ofSeconds(60))).isTrue();

            for (Map.Entry<String, Expect> e : expected.entrySet()) {
                JobInfo info = library.job(ids.get(e.getKey())).orElseThrow();
                assertThat(info.status()).as(e.getKey()).isEqualTo(JobStatus.FAILED);
                ErrorRecord error = info.error();
                assertThat(error.type()).as(e.getKey() + ": " + error.summary()).isEqualTo(e.getValue().type().getName());
                assertThat(error.message()).as(e.getKey()).contains(List.of(e.getValue().messageParts()));
            }
        }
    }
}
