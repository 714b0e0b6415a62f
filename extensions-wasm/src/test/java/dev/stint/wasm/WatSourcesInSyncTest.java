package dev.stint.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed {@code .wasm} modules are what their {@code .wat} sources compile to. Runs only when wabt's
 * {@code wat2wasm} is on the PATH ({@code apt-get install wabt}); skipped otherwise.
 */
class WatSourcesInSyncTest {
    private static final Map<Path, Path> SOURCES_TO_MODULES = Map.of(
            Path.of("src/main/wat"), Path.of("src/main/resources/META-INF/stint/extensions/demo-wasm"),
            Path.of("src/test/wat"), Path.of("src/test/resources/wasm"));

    @TempDir
    Path out;

    @Test
    void every_committed_module_matches_its_wat_source() throws Exception {
        Optional<Path> wat2wasm = onPath("wat2wasm");
        assumeTrue(wat2wasm.isPresent(), "wat2wasm (wabt) is not on the PATH");
        int checked = 0;
        for (Map.Entry<Path, Path> e : SOURCES_TO_MODULES.entrySet()) {
            List<Path> sources;
            try (Stream<Path> files = Files.list(e.getKey())) {
                sources = files.filter(f -> f.toString().endsWith(".wat")).sorted().toList();
            }
            for (Path wat : sources) {
                String name = wat.getFileName().toString().replace(".wat", ".wasm");
                Path built = out.resolve(name);
                Process p = new ProcessBuilder(wat2wasm.get().toString(), wat.toString(), "-o", built.toString())
                        .redirectErrorStream(true).start();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String log = new String(p.getInputStream().readAllBytes());
                assertThat(p.exitValue()).as("wat2wasm %s: %s", wat, log).isZero();
                Path committed = e.getValue().resolve(name);
                assertThat(committed).as("%s has no committed module", wat).exists();
                assertThat(Files.readAllBytes(committed))
                        .as("%s is out of date: run wat2wasm %s -o %s", committed, wat, committed)
                        .isEqualTo(Files.readAllBytes(built));
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).findFirst();
    }
}
