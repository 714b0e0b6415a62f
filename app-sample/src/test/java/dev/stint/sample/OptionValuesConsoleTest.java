package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option value is checked by the console: a bad one is a usage error (exit 64) whose message names the
 * option and says what it accepts, never {@code unexpected error: java.lang...}; a refused dispatch stores
 * nothing and a refused run runs nothing.
 */
class OptionValuesConsoleTest {
    private static final String QUICK = "{\"to\": 5, \"checkpointEvery\": 5, \"sleepMillis\": 0}";
    private static final String DURATION_FROM_0 = "needs a duration from 0 to 36500d";
    private static final String WHOLE_NUMBER = "needs a whole number from ";

    @TempDir
    Path temp;
    Path dir;
    Cli cli;

    @BeforeEach
    void setUp() {
        dir = temp.resolve("library");
        cli = new Cli(dir);
    }

    static Stream<Arguments> badDispatchValues() {
        return Stream.of(
                bad("delay", "-5s", DURATION_FROM_0),
                bad("delay", "PT-5S", DURATION_FROM_0),
                bad("delay", "99999999999999999999999", DURATION_FROM_0),
                bad("delay", "99999999999999999999999s", DURATION_FROM_0),
                bad("delay", "PT99999999999999999H", DURATION_FROM_0),
                // a Duration, but its milliseconds overflow a long
                bad("delay", "PT2562047788015215H", DURATION_FROM_0),
                // its milliseconds fit, but added to the clock they wrapped round and the job ran at once
                bad("delay", "106751991167d", DURATION_FROM_0),
                bad("delay", "36501d", DURATION_FROM_0),
                bad("delay", "", DURATION_FROM_0),
                bad("delay", "soon", DURATION_FROM_0),
                bad("timeout", "-1s", "needs a duration from 1ms to 36500d"),
                bad("timeout", "0", "needs a duration from 1ms to 36500d"),
                bad("timeout", "0s", "needs a duration from 1ms to 36500d"),
                // rounds down to 0 ms: the job would time out at once
                bad("timeout", "PT0.0001S", "needs a duration from 1ms to 36500d"),
                bad("timeout", "PT99999999999999999H", "needs a duration from 1ms to 36500d"),
                bad("backoff", "PT-1S", DURATION_FROM_0),
                bad("backoff", "-1s", DURATION_FROM_0),
                bad("backoff", "99999999999999999999d", DURATION_FROM_0),
                bad("queue", "", "needs a name"),
                bad("queue", "  ", "needs a name"),
                bad("queue", "io\u001b[2J", "needs a name without control characters"),
                bad("unique", "", "needs a name"),
                bad("unique", " \t", "needs a name"),
                bad("priority", "99999999999", WHOLE_NUMBER + "-2147483648 to 2147483647"),
                bad("priority", "1.5", WHOLE_NUMBER),
                bad("priority", "", WHOLE_NUMBER),
                bad("max-attempts", "0", WHOLE_NUMBER + "1 to 2147483647"),
                bad("max-attempts", "-1", WHOLE_NUMBER + "1"),
                bad("max-attempts", "99999999999", WHOLE_NUMBER + "1"),
                bad("policy", "maybe", "is keep, replace or append"));
    }

    private static Arguments bad(String option, String value, String says) {
        return Arguments.of(option, value, says);
    }

    @ParameterizedTest(name = "--{0} ''{1}''")
    @MethodSource("badDispatchValues")
    void a_bad_dispatch_value_is_a_usage_error_and_stores_nothing(String option, String value, String says) {
        List<String> args = new ArrayList<>(List.of("dispatch", "demo.count", QUICK, "--" + option, value));
        if (option.equals("policy")) {
            args.addAll(List.of("--unique", "k"));
        }

        Cli.Result r = cli.run(args.toArray(String[]::new));

        assertUsageError(r, option, says);
        assertThat(cli.listJson()).isEmpty();
    }

    static Stream<Arguments> badRunValues() {
        return Stream.of(
                bad("concurrency", "0", WHOLE_NUMBER + "1 to 2147483647"),
                bad("concurrency", "99999999999", WHOLE_NUMBER + "1"),
                bad("concurrency", "", WHOLE_NUMBER + "1"),
                bad("queue", "io", "needs NAME=CONCURRENCY"),
                bad("queue", "=3", "needs NAME=CONCURRENCY"),
                bad("queue", " =3", "needs NAME=CONCURRENCY"),
                bad("queue", "i\u0007o=2", "needs a name without control characters"),
                bad("queue", "io=0", "the concurrency must be a whole number from 1 to 2147483647"),
                bad("queue", "io=99999999999", "the concurrency must be a whole number from 1"),
                bad("queue", "io=", "the concurrency must be a whole number from 1"));
    }

    @ParameterizedTest(name = "--{0} ''{1}''")
    @MethodSource("badRunValues")
    void a_bad_run_value_is_a_usage_error_and_runs_nothing(String option, String value, String says) {
        String id = cli.dispatch("demo.count", QUICK);

        Cli.Result r = cli.run("run", "--" + option, value);

        assertUsageError(r, option, says);
        assertThat(cli.job(id).path("status").asText()).isEqualTo("queued");
    }

    @Test
    void a_bad_library_or_hash_folder_is_a_usage_error() {
        assertUsageError(Cli.runRaw(Map.of(), "list", "--library", ""), "library", "needs a folder");
        assertUsageError(Cli.runRaw(Map.of(), "list", "--library", "a\u0000b"), "library", "needs a folder");
        assertUsageError(cli.run("demo", "--hash-folder", ""), "hash-folder", "needs a folder");
        assertUsageError(cli.run("demo", "--hash-folder", "a\u0000b"), "hash-folder", "needs a folder");
        assertThat(Files.exists(dir)).as("demo opened no library").isFalse();
    }

    @Test
    void values_at_the_edges_are_accepted_and_stored() {
        Cli.Result r = cli.run("dispatch", "demo.count", QUICK, "--delay", "36500d", "--timeout", "1ms", "--backoff",
                "0", "--priority", "-2147483648", "--max-attempts", "2147483647");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode job = cli.job(r.out().strip());
        assertThat(job.path("runAt").asLong() - job.path("createdAt").asLong()).isEqualTo(36_500L * 86_400_000L);
        assertThat(job.path("priority").asInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(job.path("maxAttempts").asInt()).isEqualTo(Integer.MAX_VALUE);
        Cli.Result iso = cli.run("dispatch", "demo.count", QUICK, "--delay", "PT0.5S", "--timeout", "pt1h");
        assertThat(iso.exitCode()).as(iso.err()).isZero();
    }

    private static void assertUsageError(Cli.Result r, String option, String says) {
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(64);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("stint: --" + option).contains(says).contains("usage: stint")
                .doesNotContain("unexpected error").doesNotContain("java.lang");
    }
}
