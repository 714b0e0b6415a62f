package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's run rules: dispatch flags, list --tag and the new JSON fields, pause/resume/cancel --tag, run's report. */
class RunRulesConsoleTest {
    private static final String COUNT = "{\"to\": 5, \"checkpointEvery\": 5, \"sleepMillis\": 0}";

    @TempDir
    Path temp;
    Path dir;
    Cli cli;

    @BeforeEach
    void setUp() {
        dir = temp.resolve("library");
        cli = new Cli(dir);
    }

    @Test
    void dispatch_stores_the_rules_and_list_json_shows_them() {
        String id = cli.dispatch("demo.count", COUNT, "--resource", "write:" + temp.resolve("photos"),
                "--resource", "read:key:account-42", "--concurrency-key", "account-42=1", "--rate-limit", "api=10/1m",
                "--tag", "album:42", "--tag", "import", "--require", "network", "--weight", "2");
        JsonNode job = cli.job(id);
        assertThat(job.path("tags").toString()).isEqualTo("[\"album:42\",\"import\"]");
        assertThat(job.path("resources").toString()).isEqualTo("[{\"mode\":\"write\",\"path\":\""
                + temp.resolve("photos").toAbsolutePath().normalize().toString().replace('\\', '/')
                + "\"},{\"mode\":\"read\",\"key\":\"account-42\"}]");
        assertThat(job.path("concurrencyKey").asText()).isEqualTo("account-42");
        assertThat(job.path("conditions").toString()).isEqualTo("[\"network\"]");
        assertThat(job.path("waitingFor").isNull()).isTrue();
        // the old fields are all still there
        assertThat(job.has("retryOf") && job.has("damage") && job.has("attemptErrors")).isTrue();
    }

    @Test
    void bad_rule_flags_are_usage_errors_that_store_nothing() {
        for (String[] args : new String[][] {{"--resource", "delete:/x"}, {"--concurrency-key", "k"},
                {"--rate-limit", "api=10"}, {"--tag", "has space"}, {"--require", "battery>=150"},
                {"--weight", "-1"}}) {
            String[] all = new String[args.length + 3];
            all[0] = "dispatch";
            all[1] = "demo.count";
            all[2] = COUNT;
            System.arraycopy(args, 0, all, 3, args.length);
            Cli.Result r = cli.run(all);
            assertThat(r.exitCode()).as("%s", String.join(" ", args)).isEqualTo(dev.stint.sample.cli.Usage.EXIT_USAGE);
            assertThat(r.err()).as("%s", String.join(" ", args)).isNotBlank();
        }
        assertThat(cli.listJson()).isEmpty();
    }

    @Test
    void a_tag_is_paused_resumed_and_listed_and_run_says_what_it_left() {
        String a = cli.dispatch("demo.count", COUNT, "--tag", "album");
        String b = cli.dispatch("demo.count", COUNT, "--tag", "album", "--tag", "x");
        String other = cli.dispatch("demo.count", COUNT);
        Cli.Result paused = cli.run("pause", "--tag", "album");
        assertThat(paused.exitCode()).isZero();
        assertThat(paused.out()).startsWith("paused 2 job(s) tagged album");
        String later = cli.dispatch("demo.count", COUNT, "--tag", "album");
        assertThat(cli.job(later).path("status").asText()).isEqualTo("paused");
        Cli.Result listed = cli.run("list", "--json", "--tag", "album", "--tag", "x");
        assertThat(listed.out()).contains(b).doesNotContain(a).doesNotContain(other);
        String waiting = cli.dispatch("demo.count", COUNT, "--require", "vpn");

        Cli.Result run = cli.runUntilIdle();
        assertThat(run.out()).contains("left 1 job(s) waiting for condition vpn")
                .contains("left 3 paused job(s) with tags");
        assertThat(cli.job(other).path("status").asText()).isEqualTo("completed");
        assertThat(cli.job(waiting).path("status").asText()).isEqualTo("queued");

        Cli.Result resumed = cli.run("resume", "--tag", "album");
        assertThat(resumed.out()).startsWith("resumed 3 job(s) tagged album");
        cli.runUntilIdle();
        for (String id : new String[] {a, b, later}) {
            assertThat(cli.job(id).path("status").asText()).isEqualTo("completed");
        }
        Cli.Result cancelled = cli.run("cancel", "--tag", "nothing-here");
        assertThat(cancelled.out()).startsWith("cancelled 0 job(s) tagged nothing-here");
    }
}
