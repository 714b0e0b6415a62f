package dev.stint.internal.store;

import dev.stint.internal.rules.RunRules;
import java.util.List;

/**
 * A job to insert, with its scheduling settings resolved.
 *
 * @param rules its run rules, or null for a plain job
 * @param tags its tags (empty for none)
 * @param weight its weight in a group's progress, or null for the default
 */
public record NewJob(String id, String name, int version, byte[] state, long createdAt, String queue,
        int priority, Long runAt, int maxAttempts, long backoffMs, Long timeoutMs, String uniqueKey,
        String afterId, String parentId, String initiator, String retryOf, RunRules rules, List<String> tags,
        Double weight) {

    /** Copies the tags. */
    public NewJob {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A job without rules or tags. */
    public NewJob(String id, String name, int version, byte[] state, long createdAt, String queue, int priority,
            Long runAt, int maxAttempts, long backoffMs, Long timeoutMs, String uniqueKey, String afterId,
            String parentId, String initiator, String retryOf) {
        this(id, name, version, state, createdAt, queue, priority, runAt, maxAttempts, backoffMs, timeoutMs,
                uniqueKey, afterId, parentId, initiator, retryOf, null, List.of(), null);
    }

    /** A job that retries no other. */
    public NewJob(String id, String name, int version, byte[] state, long createdAt, String queue, int priority,
            Long runAt, int maxAttempts, long backoffMs, Long timeoutMs, String uniqueKey, String afterId,
            String parentId, String initiator) {
        this(id, name, version, state, createdAt, queue, priority, runAt, maxAttempts, backoffMs, timeoutMs,
                uniqueKey, afterId, parentId, initiator, null);
    }

    /** A plain job: default queue, no delay, one attempt. */
    public NewJob(String id, String name, int version, byte[] state, long createdAt) {
        this(id, name, version, state, createdAt, "default", 0, null, 1, 1000, null, null, null, null, null);
    }

    /** The same job chained after {@code afterId}. */
    public NewJob after(String afterId) {
        return new NewJob(id, name, version, state, createdAt, queue, priority, runAt, maxAttempts, backoffMs,
                timeoutMs, uniqueKey, afterId, parentId, initiator, retryOf, rules, tags, weight);
    }

    /** The same job with other tags. */
    public NewJob withTags(List<String> tags) {
        return new NewJob(id, name, version, state, createdAt, queue, priority, runAt, maxAttempts, backoffMs,
                timeoutMs, uniqueKey, afterId, parentId, initiator, retryOf, rules, tags, weight);
    }

    /** Whether it has rows beside its own: rule lines or tags. */
    boolean hasSideRows() {
        return rules != null || !tags.isEmpty();
    }
}
