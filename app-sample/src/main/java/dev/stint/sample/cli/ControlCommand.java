package dev.stint.sample.cli;

import dev.stint.JobInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code pause ID}, {@code resume ID} and {@code cancel ID}: changes one job and confirms its new status, in the
 * library itself or through the control endpoint of the process that holds it ({@link Libraries#access}).
 */
public enum ControlCommand {
    /** Pauses a job. */
    PAUSE("pause", LibraryAccess::pause),
    /** Resumes a paused job. */
    RESUME("resume", LibraryAccess::resume),
    /** Cancels a job. */
    CANCEL("cancel", LibraryAccess::cancel);

    private final String command;
    private final BiFunction<LibraryAccess, String, Optional<JobInfo>> action;

    ControlCommand(String command, BiFunction<LibraryAccess, String, Optional<JobInfo>> action) {
        this.command = command;
        this.action = action;
    }

    /** The subcommand's name. */
    public String command() {
        return command;
    }

    /** Runs the command; returns the exit code. */
    public int execute(CommandLine line, Console console) {
        line.expect(1, 1, "library", "database-folder");
        String id = line.positionals().get(0);
        try (LibraryAccess library = Libraries.access(line, console, List.of())) {
            String now = action.apply(library, id)
                    .map(info -> "job " + id + " (" + info.name() + ") is now " + info.status().wireName())
                    .orElse("job " + id + ": " + command + " done");
            console.out().println(TerminalText.safe(now));
        }
        return 0;
    }
}
