package dev.stint.sample.cli;

import dev.stint.JobInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code pause ID}, {@code resume ID} and {@code cancel ID}: changes one job and confirms its new status, in the
 * library itself or through the control endpoint of the process that holds it ({@link Libraries#access}).
 * {@code pause --tag T}, {@code resume --tag T} and {@code cancel --tag T} change every job with the tag (a
 * paused tag also holds jobs dispatched later with it, until resumed) and say how many.
 */
public enum ControlCommand {
    /** Pauses a job. */
    PAUSE("pause", LibraryAccess::pause, LibraryAccess::pauseTag, "paused"),
    /** Resumes a paused job. */
    RESUME("resume", LibraryAccess::resume, LibraryAccess::resumeTag, "resumed"),
    /** Cancels a job. */
    CANCEL("cancel", LibraryAccess::cancel, LibraryAccess::cancelTag, "cancelled");

    private final String command;
    private final BiFunction<LibraryAccess, String, Optional<JobInfo>> action;
    private final java.util.function.ToIntBiFunction<LibraryAccess, String> tagAction;
    private final String done;

    ControlCommand(String command, BiFunction<LibraryAccess, String, Optional<JobInfo>> action,
            java.util.function.ToIntBiFunction<LibraryAccess, String> tagAction, String done) {
        this.command = command;
        this.action = action;
        this.tagAction = tagAction;
        this.done = done;
    }

    /** The subcommand's name. */
    public String command() {
        return command;
    }

    /** Runs the command; returns the exit code. */
    public int execute(CommandLine line, Console console) {
        String tag = line.value("tag");
        if (tag != null) {
            line.expect(0, 0, "library", "database-folder", "tag");
            try {
                dev.stint.JobQuery.tagged(tag); // checks its form before anything opens
            } catch (IllegalArgumentException e) {
                throw new UsageException("--tag: " + e.getMessage());
            }
            try (LibraryAccess library = Libraries.access(line, console, List.of())) {
                int n = tagAction.applyAsInt(library, tag);
                console.out().println(TerminalText.safe(done + " " + n + " job(s) tagged " + tag
                        + (this == PAUSE ? "; jobs dispatched later with the tag are held too, until resumed" : "")));
            }
            return 0;
        }
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
