package dev.stint.sample.cli;

import dev.stint.Library;
import java.util.List;

/**
 * {@code retry ID}: dispatches a failed or cancelled job again ({@link Library#retry}) and prints the new id; through
 * the holder's control endpoint when another process holds the library ({@link Libraries#access}).
 */
public final class RetryCommand {
    private RetryCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int execute(CommandLine line, Console console) {
        line.expect(1, 1, "library", "database-folder");
        String id = line.positionals().get(0);
        try (LibraryAccess library = Libraries.access(line, console, List.of())) {
            console.out().println(library.retry(id));
        }
        return 0;
    }
}
