package dev.stint.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobStatus;
import dev.stint.Library;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wall-time watchdog stops a module within 2 s of its limit even while the heap is under pressure: in
 * a child JVM with a 256 MiB heap, as many {@code tablegrow} modules as the default instance limit allows
 * (with the good job beside them) take all the memory and table space the default limits let them, growing
 * tables one element at a time so that GraalWasm copies them at every step, then loop without ever checking
 * for interruption. Each is stopped with {@link WallTimeExceededException} within the limit plus 2 s,
 * measured from outside (running to failed, as the engine's events tell it) and inside (the watchdog's own
 * figure, in the message); the good job completes and no row is left running.
 */
class HeapPressureTest {
    private static final Logger LOG = LoggerFactory.getLogger(HeapPressureTest.class);
    private static final long WALL_MILLIS = 3000;
    private static final long MAX_LATE_MILLIS = 2000;
    private static final Pattern LATE = Pattern.compile(
            "LATE (\\d+) (\\S+) (\\S+) (\\S+) .*stopped \\((\\d+) ms after the limit\\)");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void the_watchdog_stops_modules_that_take_all_the_heap_the_limits_allow_within_two_seconds_at_256_mib()
            throws Exception {
        Path library = dir.resolve("lib");
        Plugins.install(library, "heap", Plugins.descriptor("test-heap", "tablegrow"), "tablegrow");
        int hostile = WasmLimits.defaults().maxInstances() - 1; // the good job holds the last instance
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                "-Dpolyglot.engine.WarnInterpreterOnly=false", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), HeapPressureChild.class.getName(), library.toString(),
                Long.toString(WALL_MILLIS), "test-heap:tablegrow", Integer.toString(hostile));
        Process child = new ProcessBuilder(command).redirectError(dir.resolve("child.log").toFile()).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("child: %s\n%s", lines, Files.readString(dir.resolve("child.log"))).isZero();
        assertThat(lines).as("child output").contains("RUNNING 0", "DONE");

        List<String> hostileIds = new ArrayList<>();
        for (String line : lines.stream().filter(l -> l.startsWith("LATE ")).toList()) {
            Matcher m = LATE.matcher(line);
            assertThat(m.find()).as(line).isTrue();
            long outside = Long.parseLong(m.group(1));
            long inside = Long.parseLong(m.group(5));
            LOG.info("stopped {} ms after the limit as the watchdog measured it, {} ms from running to failed", inside,
                    outside);
            assertThat(m.group(3)).as(line).isEqualTo("FAILED");
            assertThat(m.group(4)).as(line).isEqualTo(WallTimeExceededException.class.getName());
            assertThat(inside).as(line).isLessThanOrEqualTo(MAX_LATE_MILLIS);
            assertThat(outside).as(line).isLessThanOrEqualTo(MAX_LATE_MILLIS);
            hostileIds.add(m.group(2));
        }
        assertThat(hostileIds).hasSize(hostile);
        String good = lines.stream().filter(l -> l.startsWith("GOOD ")).findFirst().orElseThrow();
        assertThat(good).endsWith("{sum=45150, resumedFrom=0}");

        // what the child's run left in jobs.db: every job ended, none running
        try (Library reopened = Library.builder(library).autoStart(false).powerSafe(false).open()) {
            for (String id : hostileIds) {
                assertThat(reopened.job(id).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
            }
            assertThat(reopened.job(good.split(" ")[1]).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(reopened.activeJobs()).isEmpty();
        }
    }
}
