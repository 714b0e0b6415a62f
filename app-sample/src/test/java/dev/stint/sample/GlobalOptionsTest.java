package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Global options stand before or after the command, as users type them: {@code stint --library DIR list} works. */
class GlobalOptionsTest {
    private static final String COUNT = "{\"to\": 3, \"checkpointEvery\": 1, \"sleepMillis\": 0}";

    @TempDir
    Path temp;

    @Test
    void library_before_the_command_is_the_same_as_after_it() {
        String dir = temp.resolve("library").toString();
        Cli.Result dispatched = Cli.runRaw(Map.of(), "--library", dir, "dispatch", "demo.count", COUNT);
        assertThat(dispatched.exitCode()).as(dispatched.err()).isZero();
        String id = dispatched.out().strip();

        Cli.Result before = Cli.runRaw(Map.of(), "--library", dir, "list");
        Cli.Result after = Cli.runRaw(Map.of(), "list", "--library", dir);
        Cli.Result inline = Cli.runRaw(Map.of(), "--library=" + dir, "list");

        assertThat(before.exitCode()).isZero();
        assertThat(before.out()).contains(id + "  demo.count  queued");
        assertThat(after.out()).isEqualTo(before.out());
        assertThat(inline.out()).isEqualTo(before.out());
    }

    @Test
    void every_option_may_stand_anywhere_around_the_command_and_its_arguments() {
        String dir = temp.resolve("library").toString();
        Cli.Result first = Cli.runRaw(Map.of(), "--library", dir, "--priority", "5", "dispatch", "demo.count", COUNT);
        Cli.Result between = Cli.runRaw(Map.of(), "dispatch", "--library", dir, "demo.count", "--priority=7", COUNT);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(between.exitCode()).as(between.err()).isZero();

        Cli.Result jsonFirst = Cli.runRaw(Map.of(), "--json", "--library", dir, "list");
        Cli.Result jsonLast = Cli.runRaw(Map.of(), "list", "--library", dir, "--json");
        assertThat(jsonFirst.exitCode()).isZero();
        assertThat(jsonFirst.out()).isEqualTo(jsonLast.out())
                .contains("\"priority\" : 5", "\"priority\" : 7");

        String id = first.out().strip();
        Cli.Result paused = Cli.runRaw(Map.of(), "--library", dir, "pause", id);
        assertThat(paused.exitCode()).isZero();
        assertThat(paused.out()).isEqualTo("job " + id + " (demo.count) is now paused" + System.lineSeparator());
    }

    @Test
    void an_option_value_that_looks_like_a_command_is_still_the_value() {
        Path dir = temp.resolve("list");

        Cli.Result r = Cli.runRaw(Map.of(), "--library", dir.toString(), "list", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("[ ]");
    }

    @Test
    void a_global_option_without_a_command_is_a_usage_error() {
        Cli.Result r = Cli.runRaw(Map.of(), "--library", temp.toString());

        assertThat(r.exitCode()).isEqualTo(64);
        assertThat(r.err()).startsWith("stint: missing command");
    }
}
