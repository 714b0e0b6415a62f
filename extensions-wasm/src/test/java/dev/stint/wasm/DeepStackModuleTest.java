package dev.stint.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's first attack: a module that recurses until its stack runs out, checkpointing all the way down,
 * so that the overflow strikes inside a checkpoint's commit. The hostile job fails with a typed error, a good
 * job beside it completes, no row is left {@code running}, the file is intact and the writer commits
 * afterwards. Rounds: the environment variable {@code STINT_ISOLATION_ROUNDS} (default 3; the proof in
 * docs/reliability.md ran 20).
 */
class DeepStackModuleTest {
    private static final int ROUNDS = Integer.parseInt(System.getenv().getOrDefault("STINT_ISOLATION_ROUNDS", "3"));

    @TempDir
    Path root;

    @Test
    void a_module_whose_stack_runs_out_inside_a_checkpoint_fails_alone() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            Path dir = Files.createDirectories(root.resolve("round-" + round));
            Plugins.install(dir, "deep", Plugins.descriptor("test-deep", "deepckpt"), "deepckpt");
            WasmExtensions extensions = WasmExtensions.discover(dir);
            String hostileId;
            try (Library library = Plugins.builder(dir, extensions).concurrency(4).open()) {
                JobHandle<Object> good = library.dispatch("demo-wasm:count",
                        "{\"to\": 300, \"checkpointEvery\": 30, \"spin\": 500}");
                JobHandle<Object> hostile = library.dispatch("test-deep:deepckpt", "{}");
                hostileId = hostile.id();
                assertThat(good.result().get(120, TimeUnit.SECONDS)).as("round %d", round)
                        .isEqualTo(Map.of("sum", 45150, "resumedFrom", 0));
                assertThat(library.awaitIdle(Duration.ofSeconds(120))).as("round %d", round).isTrue();
                JobInfo info = library.job(hostileId).orElseThrow();
                assertThat(info.status()).as("round %d: %s", round, info.error()).isEqualTo(JobStatus.FAILED);
                assertThat(info.error().type()).as("round %d: %s", round, info.error().summary())
                        .isEqualTo(WasmTrapException.class.getName());
                assertThat(info.error().message()).as("round %d", round).containsIgnoringCase("stack");
                // the writer is healthy: a later commit of the same library goes through
                assertThat(library.dispatch("demo-wasm:count", "{\"to\": 20, \"checkpointEvery\": 5, \"spin\": 0}")
                        .result().get(60, TimeUnit.SECONDS)).isEqualTo(Map.of("sum", 210, "resumedFrom", 0));
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                    Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM jobs WHERE status = 'running'")) {
                    assertThat(rs.getInt(1)).as("round %d: rows left running", round).isZero();
                }
                try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                    assertThat(rs.getString(1)).as("round %d", round).isEqualTo("ok");
                }
            }
        }
    }
}
