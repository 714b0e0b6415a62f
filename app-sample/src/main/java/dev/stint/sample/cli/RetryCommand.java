package dev.stint.sample.cli;

import dev.stint.Library;

/** {@code retry ID}: dispatches a failed or cancelled job again ({@link Library#retry}) and prints the new id. */
public final class RetryCommand {
    private RetryCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int execute(CommandLine line, Console console) {
        line.expect(1, 1, "library", "database-folder");
        String id = line.positionals().get(0);
        try (Library library = Libraries.openIdle(line.libraryDir(console.env()),
                line.databaseFolder(console.env()))) {
            console.out().println(library.retry(id).id());
        }
        return 0;
    }
}
