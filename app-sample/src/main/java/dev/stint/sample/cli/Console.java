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
}
