package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a JVM of its own, with no recording and no SLF4J provider: the metrics count, the library prints nothing,
 * and Flight Recorder is never even initialised by Stint's events (they cost a check of a flag).
 */
class MetricsWithoutRecordingTest {
    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @TempDir
    Path dir;

    @Test
    void metrics_count_and_nothing_is_printed_or_started() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JDK_25), "needs Temurin 25 at " + JDK_25);
        List<String> command = List.of(JDK_25.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                WarningFreeStartTest.classPathWithoutProvider(), MetricsQuietChild.class.getName(),
                dir.resolve("library").toString());
        Path err = dir.resolve("stderr.txt");
        Process child = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(Files.readString(err)).as("stderr").isEmpty();
        assertThat(stdout).isEqualTo("METRICS dispatched=1 started=1 completed=1 checkpoints=3 batches>0=true"
                + " flightRecorder=false" + System.lineSeparator());
        assertThat(child.exitValue()).isZero();
    }
}
