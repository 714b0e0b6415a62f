package dev.stint.sample.cli;

import dev.stint.Condition;
import dev.stint.Resource;
import java.util.ArrayList;
import java.util.List;

import dev.stint.DispatchOptions;
import dev.stint.UniquePolicy;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns {@code dispatch}'s scheduling flags into {@link DispatchOptions}: {@code --queue Q},
 * {@code --priority P}, {@code --delay D}, {@code --unique KEY} with {@code --policy keep|replace|append},
 * {@code --max-attempts N}, {@code --backoff D}, {@code --timeout D}, and the run rules: {@code --resource
 * MODE:PATH} or {@code --resource MODE:key:NAME} (MODE read or write; repeatable), {@code --concurrency-key
 * KEY=LIMIT}, {@code --rate-limit KEY=N/DURATION}, {@code --tag T} (repeatable), {@code --require CONDITION}
 * (repeatable: {@code ac-power}, {@code battery>=N}, {@code network}, {@code unmetered}, {@code disk>=BYTES},
 * {@code idle>=DURATION} or a name the app sets) and {@code --weight W}.
 */
final class DispatchFlags {
    /** The options {@code dispatch} accepts besides {@code --library}. */
    static final String[] NAMES = {"queue", "priority", "delay", "unique", "policy", "max-attempts", "backoff", "timeout",
        "resource", "concurrency-key", "rate-limit", "tag", "require", "weight"};

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
        return rules(line, o);
    }

    /** The run rules' flags (see the class comment). */
    private static DispatchOptions rules(CommandLine line, DispatchOptions o) {
        try {
            List<Resource> resources = new ArrayList<>();
            for (String text : line.allValues("resource")) {
                resources.add(Resource.parse(text));
            }
            if (!resources.isEmpty()) {
                o = o.withResources(resources.toArray(Resource[]::new));
            }
            String key = line.value("concurrency-key");
            if (key != null) {
                int eq = key.lastIndexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--concurrency-key needs KEY=LIMIT, for example account-42=1, not '" + key + "'");
                }
                o = o.withConcurrencyKey(key.substring(0, eq),
                        OptionValues.wholeNumber("concurrency-key", key.substring(eq + 1), 1));
            }
            String rate = line.value("rate-limit");
            if (rate != null) {
                int eq = rate.lastIndexOf('=');
                int slash = rate.lastIndexOf('/');
                if (eq <= 0 || slash < eq) {
                    throw new UsageException("--rate-limit needs KEY=N/DURATION, for example api=60/1m, not '" + rate + "'");
                }
                o = o.withRateLimit(rate.substring(0, eq),
                        OptionValues.wholeNumber("rate-limit", rate.substring(eq + 1, slash), 1),
                        OptionValues.duration("rate-limit", rate.substring(slash + 1), Duration.ofMillis(1)));
            }
            List<String> tags = line.allValues("tag");
            if (!tags.isEmpty()) {
                o = o.withTags(tags.toArray(String[]::new));
            }
            List<Condition> conditions = new ArrayList<>();
            for (String text : line.allValues("require")) {
                conditions.add(Condition.parse(text));
            }
            if (!conditions.isEmpty()) {
                o = o.withConditions(conditions.toArray(Condition[]::new));
            }
            if (line.value("weight") != null) {
                double w;
                try {
                    w = Double.parseDouble(line.value("weight"));
                } catch (NumberFormatException e) {
                    throw new UsageException("--weight is a number above 0, not '" + line.value("weight") + "'");
                }
                o = o.withWeight(w);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
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
