package dev.stint.wasm;

import dev.stint.StopReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM ({@code destroyForcibly}, SIGKILL) while it runs a long {@code demo-wasm:count}, then
 * reopens the library in this JVM: the extension job resumes from its last committed checkpoint and
 * completes with the right sum, exactly like a Java job.
 */
class KillTest {
    private static final long TO = 1500;
    private static final long EVERY = 50;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void extension_job_killed_mid_run_resumes_from_its_last_committed_checkpoint() throws Exception {
        Path library = dir.resolve("lib");
        String args = "{\"to\": " + TO + ", \"checkpointEvery\": " + EVERY + ", \"spin\": 20000}";
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dpolyglot.engine.WarnInterpreterOnly=false", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), CountChild.class.getName(), library.toString(), args));
        Process child = new ProcessBuilder(command).redirectError(dir.resolve("child.log").toFile()).start();
        String id;
        long lastSeen;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            id = awaitLine(out, child, "READY ").substring(6);
            do {
                lastSeen = Long.parseLong(awaitLine(out, child, "PROGRESS ").substring(9));
            } while (lastSeen < 3 * EVERY + 1);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        WasmExtensions extensions = WasmExtensions.discover(library);
        try (Library reopened = Plugins.builder(library, extensions).autoStart(false).open()) {
            JobInfo crashed = reopened.job(id).orElseThrow();
            assertThat(crashed.stopReason()).isEqualTo(StopReason.CRASH);
            int committed = crashed.checkpoints();
            assertThat(committed).isGreaterThanOrEqualTo(3);
            assertThat((long) committed * EVERY).isLessThan(TO);

            reopened.start();
            Object output = reopened.handle(id).orElseThrow().result().get(120, TimeUnit.SECONDS);

            // checkpoints happen at every 50th number, so the last committed one is at committed * 50
            assertThat(output).isEqualTo(Map.of("sum", (int) Json.sum(TO), "resumedFrom", (int) (committed * EVERY)));
            JobInfo done = reopened.job(id).orElseThrow();
            assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(done.runCount()).isEqualTo(2);
            assertThat(reopened.activeJobs()).isEmpty();
        }
    }

    private static String awaitLine(BufferedReader out, Process child, String prefix) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("child exited (" + child.isAlive() + ") before printing " + prefix);
    }
}
