package dev.stint.sample.cli;

import dev.stint.Library;
import java.util.function.BiConsumer;

/** {@code pause ID}, {@code resume ID} and {@code cancel ID}: changes one job and confirms its new status. */
public enum ControlCommand {
    /** Pauses a job. */
    PAUSE("pause", Library::pause),
    /** Resumes a paused job. */
    RESUME("resume", Library::resume),
    /** Cancels a job. */
    CANCEL("cancel", Library::cancel);

    private final String command;
    private final BiConsumer<Library, String> action;

    ControlCommand(String command, BiConsumer<Library, String> action) {
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
        try (Library library = Libraries.openIdle(line.libraryDir(console.env()),
                line.databaseFolder(console.env()))) {
            action.accept(library, id);
            String now = library.job(id)
                    .map(info -> "job " + id + " (" + info.name() + ") is now " + info.status().wireName())
                    .orElse("job " + id + ": " + command + " done");
            console.out().println(TerminalText.safe(now));
        }
        return 0;
    }
}
