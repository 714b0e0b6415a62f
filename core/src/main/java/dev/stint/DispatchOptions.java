package dev.stint;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one dispatch is scheduled: queue, priority, start time, retries, timeout, uniqueness and who asked.
 * Immutable; each {@code with...} method returns a copy. Unset values fall back to the job type's
 * {@link JobPolicy} and then to the library's defaults.
 *
 * <pre>{@code
 * library.dispatch(job, DispatchOptions.defaults().withQueue("io").withPriority(-1)
 *         .withDelay(Duration.ofMinutes(5)).withMaxAttempts(3).withUniqueKey("index:/photos", UniquePolicy.KEEP_EXISTING));
 * }</pre>
 */
public final class DispatchOptions {
    private static final DispatchOptions DEFAULTS = new DispatchOptions(null, null, null, null, null, null, null,
            null, UniquePolicy.KEEP_EXISTING, null);

    private final String queue;
    private final Integer priority;
    private final Instant runAt;
    private final Duration delay;
    private final Integer maxAttempts;
    private final Duration backoff;
    private final Duration timeout;
    private final String uniqueKey;
    private final UniquePolicy uniquePolicy;
    private final String initiator;

    /** The longest delay, backoff or timeout: a longer one is taken for a mistake of units. */
    private static final Duration MAX_DURATION = Duration.ofDays(365_250);
    private static final Instant EARLIEST_RUN_AT = Instant.EPOCH;
    // 9999-12-31T23:59:59.999Z, built without the text parser: Instant.parse loads java.time's formatting
    // classes, tens of them, on a cold start's first dispatch
    private static final Instant LATEST_RUN_AT = Instant.ofEpochMilli(253_402_300_799_999L);

    private DispatchOptions(String queue, Integer priority, Instant runAt, Duration delay, Integer maxAttempts,
            Duration backoff, Duration timeout, String uniqueKey, UniquePolicy uniquePolicy, String initiator) {
        this.queue = queue;
        this.priority = priority;
        this.runAt = runAt;
        this.delay = delay;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.timeout = timeout;
        this.uniqueKey = uniqueKey;
        this.uniquePolicy = uniquePolicy;
        this.initiator = initiator;
    }

    /** No options: everything from the job type's policy and the library's defaults. */
    public static DispatchOptions defaults() {
        return DEFAULTS;
    }

    /** Runs the job in the named queue (configured with {@link Library.Builder#queue}). */
    public DispatchOptions withQueue(String queue) {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("queue must not be blank");
        }
        return new DispatchOptions(queue, priority, runAt, delay, maxAttempts, backoff, timeout, uniqueKey,
                uniquePolicy, initiator);
    }

    /** Priority within the queue: lower runs first; equal priorities run in dispatch order (default 0). */
    public DispatchOptions withPriority(int priority) {
        return new DispatchOptions(queue, priority, runAt, delay, maxAttempts, backoff, timeout, uniqueKey,
                uniquePolicy, initiator);
    }

    /** Starts the job no earlier than {@code runAt} (stored at once; survives restarts), a time from 1970 to the end of the year 9999. */
    public DispatchOptions withRunAt(Instant runAt) {
        Objects.requireNonNull(runAt, "runAt");
        if (runAt.isBefore(EARLIEST_RUN_AT) || runAt.isAfter(LATEST_RUN_AT)) {
            throw new IllegalArgumentException("runAt must be between " + EARLIEST_RUN_AT + " and " + LATEST_RUN_AT
                    + ", was " + runAt);
        }
        return new DispatchOptions(queue, priority, runAt, null, maxAttempts,
                backoff, timeout, uniqueKey, uniquePolicy, initiator);
    }

    /** Starts the job no earlier than {@code delay} after the dispatch (at most 1,000 years). */
    public DispatchOptions withDelay(Duration delay) {
        checkDuration("delay", delay, false);
        return new DispatchOptions(queue, priority, null, delay, maxAttempts, backoff, timeout, uniqueKey,
                uniquePolicy, initiator);
    }

    /** How many attempts in all (1 = no retry); attempts after a retryable failure wait an exponential backoff. */
    public DispatchOptions withMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        return new DispatchOptions(queue, priority, runAt, delay, maxAttempts, backoff, timeout, uniqueKey,
                uniquePolicy, initiator);
    }

    /** The delay before the first retry; each later retry waits twice as long (with jitter). */
    public DispatchOptions withBackoff(Duration backoff) {
        checkDuration("backoff", backoff, false);
        return new DispatchOptions(queue, priority, runAt, delay, maxAttempts, backoff, timeout, uniqueKey,
                uniquePolicy, initiator);
    }

    /** How long one run may take before it is interrupted as timed out (at most 1,000 years; counted in whole milliseconds, rounded up). */
    public DispatchOptions withTimeout(Duration timeout) {
        checkDuration("timeout", timeout, true);
        return new DispatchOptions(queue, priority, runAt, delay, maxAttempts, backoff, timeout, uniqueKey,
                uniquePolicy, initiator);
    }

    /** A unique key (for example {@code "index:/photos"}) and what to do if an active job has it. */
    public DispatchOptions withUniqueKey(String key, UniquePolicy policy) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("unique key must not be blank");
        }
        return new DispatchOptions(queue, priority, runAt, delay, maxAttempts, backoff, timeout, key,
                Objects.requireNonNull(policy, "policy"), initiator);
    }

    /** Who or what dispatched the job (kept with the record, for audit). */
    public DispatchOptions withInitiator(String initiator) {
        return new DispatchOptions(queue, priority, runAt, delay, maxAttempts, backoff, timeout, uniqueKey,
                uniquePolicy, initiator);
    }

    /** The queue, or null for the type's or library's default. */
    public String queue() {
        return queue;
    }

    /** The priority, or null for the default. */
    public Integer priority() {
        return priority;
    }

    /** The start instant, or null. */
    public Instant runAt() {
        return runAt;
    }

    /** The start delay, or null. */
    public Duration delay() {
        return delay;
    }

    /** The maximum attempts, or null for the default. */
    public Integer maxAttempts() {
        return maxAttempts;
    }

    /** The first retry's delay, or null for the default. */
    public Duration backoff() {
        return backoff;
    }

    /** The per-run timeout, or null for the default. */
    public Duration timeout() {
        return timeout;
    }

    /** The unique key, or null. */
    public String uniqueKey() {
        return uniqueKey;
    }

    /** The unique policy (meaningful with a key). */
    public UniquePolicy uniquePolicy() {
        return uniquePolicy;
    }

    /** The initiator, or null. */
    public String initiator() {
        return initiator;
    }

    private static void checkDuration(String option, Duration d, boolean positive) {
        if (d == null || d.isNegative() || (positive && d.isZero())) {
            throw new IllegalArgumentException(option + " must be " + (positive ? "> 0" : ">= 0") + ", was " + d);
        }
        if (d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(option + " must be at most 1,000 years (" + MAX_DURATION + "), was " + d);
        }
    }
}
