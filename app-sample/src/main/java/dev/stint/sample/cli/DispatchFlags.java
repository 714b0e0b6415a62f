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

    /**
     * The options, each value checked (see {@link OptionValues}).
     *
     * @throws UsageException for a bad value, naming its option
     */
    static DispatchOptions parse(CommandLine line) {
        DispatchOptions o = DispatchOptions.defaults().withInitiator("console");
        if (line.value("queue") != null) {
            o = o.withQueue(OptionValues.name("queue", line.value("queue")));
        }
        if (line.value("priority") != null) {
            o = o.withPriority(OptionValues.wholeNumber("priority", line.value("priority"), Integer.MIN_VALUE));
        }
        if (line.value("delay") != null) {
            o = o.withDelay(OptionValues.duration("delay", line.value("delay"), Duration.ZERO));
        }
        if (line.value("max-attempts") != null) {
            o = o.withMaxAttempts(OptionValues.wholeNumber("max-attempts", line.value("max-attempts"), 1));
        }
        if (line.value("backoff") != null) {
            o = o.withBackoff(OptionValues.duration("backoff", line.value("backoff"), Duration.ZERO));
        }
        if (line.value("timeout") != null) {
            // the library keeps whole milliseconds: less than one would be a timeout of 0
            o = o.withTimeout(OptionValues.duration("timeout", line.value("timeout"), Duration.ofMillis(1)));
        }
        if (line.value("policy") != null && line.value("unique") == null) {
            throw new UsageException("--policy needs --unique KEY");
        }
        if (line.value("unique") != null) {
            o = o.withUniqueKey(OptionValues.name("unique", line.value("unique")), policy(line.value("policy")));
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
}
