package dev.stint.sample.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * Where a command writes and what it may read from its environment.
 *
 * @param out the product: ids, progress lines, tables, JSON
 * @param err messages for the user
 * @param env environment variables (for {@code STINT_LIBRARY})
 */
public record Console(PrintStream out, PrintStream err, Map<String, String> env) {

    /**
     * Whether {@link #out} is the process's standard output and that is a terminal (not piped or redirected),
     * one that takes cursor moves ({@code TERM} is not {@code dumb}): {@code watch} then redraws in place.
     */
    public boolean isTerminal() {
        if (out != System.out || "dumb".equals(env.get("TERM"))) {
            return false;
        }
        java.io.Console console = System.console();
        if (console == null) {
            return false; // JDK 21: no console when standard input or output is not a terminal
        }
        try {
            // JDK 22+ may give a console when redirected; Console.isTerminal() (22+) tells
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console means a terminal
        }
    }
}
