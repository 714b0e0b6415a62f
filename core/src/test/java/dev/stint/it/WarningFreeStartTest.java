package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A library opened on JDK 25 by an application without an SLF4J provider prints nothing on stderr, whatever
 * {@code --sun-misc-unsafe-memory-access} says: no SLF4J no-provider lines, no {@code sun.misc.Unsafe} warning
 * or stack trace from msgpack-core. The one flag given is the one the JDK itself asks for to load sqlite-jdbc's
 * native library without a warning, {@code --enable-native-access=ALL-UNNAMED} (docs/getting-started and the
 * sample launcher set it).
 */
class WarningFreeStartTest {
    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @TempDir
    Path dir;

    /** Core, its dependencies and the test classes: no SLF4J provider (slf4j-simple is left out). */
    static String classPathWithoutProvider() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.replace('\\', '/').endsWith("core/target/classes")
                        || e.replace('\\', '/').endsWith("core/target/test-classes") || e.contains("jackson-")
                        || e.contains("msgpack") || e.contains("sqlite-jdbc") || e.contains("slf4j-api"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    @ParameterizedTest(name = "--sun-misc-unsafe-memory-access={0}")
    @ValueSource(strings = {"(not given)", "allow", "warn", "debug", "deny"})
    void a_job_runs_and_stderr_stays_empty(String unsafeMemoryAccess) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JDK_25), "needs Temurin 25 at " + JDK_25);
        List<String> command = new ArrayList<>(List.of(JDK_25.toString(), "--enable-native-access=ALL-UNNAMED"));
        if (!unsafeMemoryAccess.startsWith("(")) {
            command.add("--sun-misc-unsafe-memory-access=" + unsafeMemoryAccess);
        }
        command.addAll(List.of("-cp", classPathWithoutProvider(), QuietChild.class.getName(),
                dir.resolve("library").toString()));
        Path err = dir.resolve("stderr.txt");
        Process child = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(Files.readString(err)).as("stderr").isEmpty();
        assertThat(stdout).isEqualTo("DONE 3" + System.lineSeparator());
        assertThat(child.exitValue()).isZero();
    }
}
