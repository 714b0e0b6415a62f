package dev.stint.sample.cli;

import dev.stint.DispatchOptions;
import java.util.List;

/**
 * {@code dispatch NAME [JSON] [--queue Q] [--priority P] [--delay D] [--unique KEY [--policy keep|replace|append]]
 * [--max-attempts N] [--backoff D] [--timeout D]}: stores a job by type name with JSON arguments and
 * prints only its id (with {@code --unique} and {@code keep}, the id of the job that holds the key). Jobs
 * are not run (the library is opened without workers); {@code run} runs them. When another process holds the
 * library, the job is dispatched through its control endpoint ({@link Libraries#access}) and that process runs it
 * (then {@code --queue} must name a queue it was opened with).
 */
public final class DispatchCommand {

    private DispatchCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int execute(CommandLine line, Console console) {
        String[] allowed = new String[DispatchFlags.NAMES.length + 2];
        allowed[0] = "library";
        allowed[1] = "database-folder";
        System.arraycopy(DispatchFlags.NAMES, 0, allowed, 2, DispatchFlags.NAMES.length);
        line.expect(1, 2, allowed);
        String name = line.positionals().get(0);
        String json = line.positionals().size() > 1 ? line.positionals().get(1) : "{}";
        DispatchOptions options = DispatchFlags.parse(line);
        List<String> queues = options.queue() == null ? List.of() : List.of(options.queue());
        try (LibraryAccess library = Libraries.access(line, console, queues)) {
            console.out().println(library.dispatch(name, json, options));
        }
        return 0;
    }
}
