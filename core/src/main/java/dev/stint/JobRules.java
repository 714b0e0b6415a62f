package dev.stint;

import java.time.Duration;
import java.util.List;

/**
 * A job's run rules as dispatched ({@link JobInfo#rules()}): what may hold it back from starting. See
 * {@link DispatchOptions#withResources}, {@link DispatchOptions#withConcurrencyKey},
 * {@link DispatchOptions#withRateLimit} and {@code docs/run-conditions.md}.
 *
 * @param resources the resources it uses
 * @param concurrencyKey its concurrency key, or null
 * @param concurrencyLimit how many jobs with that key may run at once (0 without a key)
 * @param rateLimitKey its rate limit's key, or null
 * @param rateLimitStarts starts allowed per window (0 without a rate limit)
 * @param rateLimitPeriod the window, or null
 * @param conditions the conditions it requires, in their text form ({@code ac-power}, {@code network}, ...)
 */
public record JobRules(List<Resource> resources, String concurrencyKey, int concurrencyLimit, String rateLimitKey,
        int rateLimitStarts, Duration rateLimitPeriod, List<String> conditions) {

    /** No rules: the job starts as soon as its queue has a free worker. */
    public static final JobRules NONE = new JobRules(List.of(), null, 0, null, 0, null, List.of());

    /** Copies the lists. */
    public JobRules {
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }

    /** Whether there is no rule. */
    public boolean isEmpty() {
        return resources.isEmpty() && concurrencyKey == null && rateLimitKey == null && conditions.isEmpty();
    }
}
