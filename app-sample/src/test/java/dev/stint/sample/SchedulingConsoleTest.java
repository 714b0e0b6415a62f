package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's scheduling flags, demo.flaky, the WASM demo extension and the new list --json fields. */
class SchedulingConsoleTest {
    private static final String QUICK = "{\"to\": 5, \"checkpointEvery\": 5, \"sleepMillis\": 0}";

    @TempDir
    Path temp;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(temp.resolve("library"));
    }

    @Test
    void dispatch_flags_are_stored_and_listed() {
        Cli.Result r = cli.run("dispatch", "demo.count", QUICK, "--queue", "io", "--priority", "-3", "--delay", "1h",
                "--max-attempts", "4", "--backoff", "2s", "--timeout", "5m", "--unique", "count:io");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode job = cli.job(r.out().strip());
        assertThat(job.path("queue").asText()).isEqualTo("io");
        assertThat(job.path("priority").asInt()).isEqualTo(-3);
        assertThat(job.path("maxAttempts").asInt()).isEqualTo(4);
        assertThat(job.path("attempts").asInt()).isZero();
        assertThat(job.path("uniqueKey").asText()).isEqualTo("count:io");
        assertThat(job.path("parentId").isNull()).isTrue();
        assertThat(job.path("initiator").asText()).isEqualTo("console");
        assertThat(job.path("runAt").asLong() - job.path("createdAt").asLong()).isEqualTo(3_600_000L);
        for (String field : new String[] {"id", "name", "status", "output", "error", "queue", "priority", "attempts",
                "createdAt", "runAt", "startedAt", "finishedAt", "uniqueKey", "parentId"}) {
            assertThat(job.has(field)).as(field).isTrue();
        }
        // keep: the same key returns the existing job's id and stores nothing
        Cli.Result again = cli.run("dispatch", "demo.count", QUICK, "--queue", "io", "--unique", "count:io",
                "--policy", "keep");
        assertThat(again.out().strip()).isEqualTo(r.out().strip());
        assertThat(cli.listJson()).hasSize(1);
    }

    @Test
    void bad_flag_values_are_usage_errors() {
        assertThat(cli.run("dispatch", "demo.count", QUICK, "--delay", "soon").exitCode()).isEqualTo(64);
        assertThat(cli.run("dispatch", "demo.count", QUICK, "--policy", "keep").exitCode()).isEqualTo(64);
        assertThat(cli.run("dispatch", "demo.count", QUICK, "--unique", "k", "--policy", "maybe").exitCode()).isEqualTo(64);
        assertThat(cli.run("dispatch", "demo.count", QUICK, "--max-attempts", "0").exitCode()).isEqualTo(64);
        assertThat(cli.run("run", "--queue", "io").exitCode()).isEqualTo(64);
        assertThat(cli.listJson()).isEmpty();
    }

    @Test
    void flaky_job_is_retried_by_run_and_outputs_its_attempts() {
        String id = cli.run("dispatch", "demo.flaky", "{\"failTimes\": 2}", "--max-attempts", "3", "--backoff", "10ms")
                .out().strip();
        cli.runUntilIdle();
        JsonNode job = cli.job(id);
        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(job.path("output").path("attempts").asInt()).isEqualTo(3);
        assertThat(job.path("attempts").asInt()).isEqualTo(3);
        assertThat(job.path("attemptErrors")).hasSize(2);
    }

    @Test
    void run_waits_for_a_delayed_job_and_runs_named_queues() {
        String delayed = cli.run("dispatch", "demo.count", QUICK, "--delay", "300ms").out().strip();
        String io = cli.run("dispatch", "demo.count", QUICK, "--queue", "io").out().strip();
        cli.run("pause", cli.run("dispatch", "demo.count", QUICK).out().strip());
        Cli.Result run = cli.run("run", "--queue", "io=2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(cli.job(delayed).path("status").asText()).isEqualTo("completed");
        assertThat(cli.job(io).path("status").asText()).isEqualTo("completed");
        assertThat(cli.job(io).path("queue").asText()).isEqualTo("io");
    }

    @Test
    void the_wasm_demo_extension_counts_and_the_broken_one_fails_alone() {
        String count = cli.dispatch("demo-wasm:count", "{\"to\": 200, \"checkpointEvery\": 50, \"spin\": 10}");
        String trap = cli.dispatch("demo-wasm:trap", "{}");
        cli.runUntilIdle();
        JsonNode ok = cli.job(count);
        assertThat(ok.path("status").asText()).isEqualTo("completed");
        assertThat(ok.path("output").path("sum").asLong()).isEqualTo(200L * 201 / 2);
        assertThat(ok.path("output").path("resumedFrom").asLong()).isZero();
        JsonNode failed = cli.job(trap);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("error").path("type").asText()).contains("Trap");
    }
}
