package dev.stint.internal.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Real processes: an answer, a missing command, a failing one and a slow one. */
@DisabledOnOs(OS.WINDOWS)
class CommandRunnerTest {
    private final CommandRunner runner = CommandRunner.processes(Duration.ofSeconds(10));

    @Test
    void a_command_that_answers_gives_its_output_with_errors_merged() {
        assertThat(runner.run(List.of("sh", "-c", "echo out; echo err >&2"), false)).hasValueSatisfying(text ->
                assertThat(text.lines()).containsExactlyInAnyOrder("out", "err"));
    }

    @Test
    void a_missing_command_is_empty_and_does_not_throw() {
        assertThat(runner.run(List.of("stint-no-such-command-" + System.nanoTime()), true)).isEmpty();
    }

    @Test
    void a_failing_command_is_empty_unless_any_exit_is_accepted() {
        assertThat(runner.run(List.of("sh", "-c", "echo not in table; exit 1"), false)).isEmpty();
        assertThat(runner.run(List.of("sh", "-c", "echo not in table; exit 1"), true)).hasValue("not in table\n");
    }

    @Test
    void a_slow_command_is_cut_off_at_the_timeout() {
        long start = System.nanoTime();
        assertThat(CommandRunner.processes(Duration.ofMillis(200)).run(List.of("sh", "-c", "echo early; sleep 30"), true))
                .isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
