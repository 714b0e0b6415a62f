package dev.stint.sample.cli;

import dev.stint.DispatchOptions;
import dev.stint.UniquePolicy;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns {@code dispatch}'s scheduling flags into {@link DispatchOptions}: {@code --queue Q},
 * {@code --priority P}, {@code --delay D}, {@code --unique KEY} with {@code --policy keep|replace|append},
 * {@code --max-attempts N}, {@code --backoff D}, {@code --timeout D}.
 */
final class DispatchFlags {
    /** The options {@code dispatch} accepts besides {@code --library}. */
    static final String[] NAMES = {"queue", "priority", "delay", "unique", "policy", "max-attempts", "backoff", "timeout"};

    private DispatchFlags() {
    }

    static DispatchOptions parse(CommandLine line) {
        DispatchOptions o = DispatchOptions.defaults().withInitiator("console");
        if (line.value("queue") != null) {
            o = o.withQueue(line.value("queue"));
        }
        if (line.value("priority") != null) {
            o = o.withPriority(integer("priority", line.value("priority"), Integer.MIN_VALUE));
        }
        if (line.value("delay") != null) {
            o = o.withDelay(Durations.parse("delay", line.value("delay")));
        }
        if (line.value("max-attempts") != null) {
            o = o.withMaxAttempts(integer("max-attempts", line.value("max-attempts"), 1));
        }
        if (line.value("backoff") != null) {
            o = o.withBackoff(Durations.parse("backoff", line.value("backoff")));
        }
        if (line.value("timeout") != null) {
            Duration timeout = Durations.parse("timeout", line.value("timeout"));
            if (timeout.isZero()) {
                throw new UsageException("--timeout must be more than 0");
            }
            o = o.withTimeout(timeout);
        }
        if (line.value("policy") != null && line.value("unique") == null) {
            throw new UsageException("--policy needs --unique KEY");
        }
        if (line.value("unique") != null) {
            o = o.withUniqueKey(line.value("unique"), policy(line.value("policy")));
        }
        return o;
    }

    private static UniquePolicy policy(String text) {
        if (text == null) {
            return UniquePolicy.KEEP_EXISTING;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "keep", "keep-existing" -> UniquePolicy.KEEP_EXISTING;
            case "replace" -> UniquePolicy.REPLACE;
            case "append", "append-after" -> UniquePolicy.APPEND;
            default -> throw new UsageException("--policy is keep, replace or append, not '" + text + "'");
        };
    }

    private static int integer(String option, String text, int min) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + option + " needs a whole number" + (min > Integer.MIN_VALUE ? " >= " + min : "")
                + ", not '" + text + "'");
    }
}
