package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.sample.cli.CommandHelp;
import dev.stint.sample.cli.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stint help}, {@code stint help COMMAND} and {@code stint COMMAND --help}. */
class HelpCommandTest {

    @TempDir
    Path temp;

    @Test
    void help_alone_prints_every_commands_usage() {
        for (String word : new String[] {"help", "--help", "-h"}) {
            Cli.Result r = Cli.runRaw(Map.of(), word);

            assertThat(r.exitCode()).as(word).isZero();
            assertThat(r.out()).as(word).isEqualTo(Usage.TEXT);
            assertThat(r.err()).as(word).isEmpty();
        }
    }

    @Test
    void help_command_prints_that_commands_usage_only() {
        Cli.Result r = Cli.runRaw(Map.of(), "help", "dispatch");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("usage: stint dispatch NAME [JSON]")
                .contains("--unique KEY", "--policy POLICY", "--max-attempts N", "--library DIR", "Example:")
                .doesNotContain("usage: stint run", "Demo job types");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void every_command_of_the_usage_has_its_own_help_naming_it() {
        List<String> listed = commandsOfTheUsage();
        assertThat(listed).contains("gui", "demo", "dispatch", "run", "list", "pause", "resume", "cancel", "help");
        for (String command : listed) {
            Cli.Result r = Cli.runRaw(Map.of(), "help", command);

            assertThat(r.exitCode()).as("%s; stderr: %s", command, r.err()).isZero();
            assertThat(r.out()).as(command).startsWith("usage: stint " + command).endsWith("\n");
        }
    }

    /** The command names of the usage's "Commands:" block: the words indented by exactly two spaces. */
    private static List<String> commandsOfTheUsage() {
        String block = Usage.TEXT.substring(Usage.TEXT.indexOf("Commands:"), Usage.TEXT.indexOf("Options:"));
        Matcher m = Pattern.compile("(?m)^  ([a-z]+)\\b").matcher(block);
        List<String> commands = new ArrayList<>();
        while (m.find()) {
            commands.add(m.group(1));
        }
        return commands;
    }

    @Test
    void command_dash_dash_help_prints_the_commands_usage_and_runs_nothing() {
        Path library = temp.resolve("library");

        Cli.Result r = Cli.runRaw(Map.of(), "dispatch", "demo.count", "--help", "--library", library.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(CommandHelp.of("dispatch"));
        assertThat(library).as("nothing was dispatched, no library created").satisfies(p -> assertThat(Files.exists(p)).isFalse());
    }

    @Test
    void global_options_may_come_before_help() {
        Cli.Result before = Cli.runRaw(Map.of(), "--library", temp.toString(), "help", "list");
        Cli.Result after = Cli.runRaw(Map.of(), "help", "list", "--library", temp.toString());

        assertThat(before.exitCode()).isZero();
        assertThat(before.out()).isEqualTo(CommandHelp.of("list")).contains("--json");
        assertThat(after.out()).isEqualTo(before.out());
    }

    @Test
    void help_for_an_unknown_command_is_a_usage_error_naming_the_commands() {
        Cli.Result r = Cli.runRaw(Map.of(), "help", "frobnicate");

        assertThat(r.exitCode()).isEqualTo(Usage.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("unknown command 'frobnicate'", "dispatch, run");
    }
}
