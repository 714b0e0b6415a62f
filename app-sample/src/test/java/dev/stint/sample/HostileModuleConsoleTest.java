package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's first attack as the report made it, through the console: a plug-in module in the library folder
 * recurses until its stack runs out while it checkpoints, beside a good {@code demo.count} job. {@code run}
 * exits 0, the good job completes, the hostile one fails with a typed trap, and after {@code run} exits no row
 * of {@code jobs.db} is {@code running} and the file is intact. Rounds: {@code STINT_ISOLATION_ROUNDS}
 * (default 2).
 */
class HostileModuleConsoleTest {
    private static final int ROUNDS = Integer.parseInt(System.getenv().getOrDefault("STINT_ISOLATION_ROUNDS", "2"));
    /** The hostile module the WASM extension's tests build from {@code deepckpt.wat}. */
    private static final Path DEEP_MODULE = Path.of("../extensions-wasm/src/test/resources/wasm/deepckpt.wasm");

    @TempDir
    Path temp;

    @Test
    void a_plugin_whose_stack_runs_out_while_it_checkpoints_fails_alone_and_leaves_no_row_running() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            Path dir = temp.resolve("library-" + round);
            Path plugin = Files.createDirectories(dir.resolve("plugins").resolve("deep"));
            Files.writeString(plugin.resolve("stint-extension.json"), "{\"id\": \"test-deep\", \"abiVersion\": 1,"
                    + " \"jobs\": [{\"name\": \"dive\", \"module\": \"deepckpt.wasm\"}]}", StandardCharsets.UTF_8);
            Files.copy(DEEP_MODULE, plugin.resolve("deepckpt.wasm"));
            Cli cli = new Cli(dir);

            String good = cli.dispatch("demo.count", "{\"to\": 200, \"checkpointEvery\": 20, \"sleepMillis\": 1}");
            String hostile = cli.dispatch("test-deep:dive", "{}");
            cli.runUntilIdle();

            JsonNode goodJob = cli.job(good);
            assertThat(goodJob.path("status").asText()).as("round %d", round).isEqualTo("completed");
            JsonNode hostileJob = cli.job(hostile);
            assertThat(hostileJob.path("status").asText()).as("round %d: %s", round, hostileJob).isEqualTo("failed");
            assertThat(hostileJob.path("error").path("type").asText()).as("round %d", round)
                    .isEqualTo("dev.stint.wasm.WasmTrapException");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                    Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM jobs WHERE status = 'running'")) {
                    assertThat(rs.getInt(1)).as("round %d: rows left running after run exited", round).isZero();
                }
                try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                    assertThat(rs.getString(1)).as("round %d", round).isEqualTo("ok");
                }
            }
            // the library's writer was left healthy: the next run commits a new job
            String after = cli.dispatch("demo.count", "{\"to\": 5, \"checkpointEvery\": 5, \"sleepMillis\": 0}");
            cli.runUntilIdle();
            assertThat(cli.job(after).path("status").asText()).as("round %d", round).isEqualTo("completed");
        }
    }
}
