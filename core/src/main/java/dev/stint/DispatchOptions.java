package dev.stint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one dispatch is scheduled: queue, priority, start time, retries, timeout, uniqueness, who asked, and its
 * run conditions (resources, a concurrency key, a rate limit) and tags (see {@code docs/run-conditions.md}).
 * Immutable; each {@code with...} method returns a copy. Unset values fall back to the job type's
 * {@link JobPolicy} and then to the library's defaults.
 *
 * <pre>{@code
 * library.dispatch(job, DispatchOptions.defaults().withQueue("io").withPriority(-1)
 *         .withDelay(Duration.ofMinutes(5)).withMaxAttempts(3).withUniqueKey("index:/photos", UniquePolicy.KEEP_EXISTING));
 * }</pre>
 */
public final class DispatchOptions {
    private static final DispatchOptions DEFAULTS = new DispatchOptions();
    /** Tags: letters, digits and {@code - _ . : /}, 1 to 200 characters. */
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_.:/-]{1,200}");

    private String queue;
    private Integer priority;
    private Instant runAt;
    private Duration delay;
    private Integer maxAttempts;
    private Duration backoff;
    private Duration timeout;
    private String uniqueKey;
    private UniquePolicy uniquePolicy = UniquePolicy.KEEP_EXISTING;
    private String initiator;
    private List<Resource> resources = List.of();
    private String concurrencyKey;
    private int concurrencyLimit;
    private String rateKey;
    private int rateStarts;
    private Duration ratePeriod;
    private List<String> tags = List.of();
    private Double weight;
    private List<Condition> conditions = List.of();

    /** The longest delay, backoff or timeout: a longer one is taken for a mistake of units. */
    private static final Duration MAX_DURATION = Duration.ofDays(365_250);
    private static final Instant EARLIEST_RUN_AT = Instant.EPOCH;
    // 9999-12-31T23:59:59.999Z, built without the text parser: Instant.parse loads java.time's formatting
    // classes, tens of them, on a cold start's first dispatch
    private static final Instant LATEST_RUN_AT = Instant.ofEpochMilli(253_402_300_799_999L);

    private DispatchOptions() {
    }

    private DispatchOptions copy() {
        DispatchOptions c = new DispatchOptions();
        c.queue = queue;
        c.priority = priority;
        c.runAt = runAt;
        c.delay = delay;
        c.maxAttempts = maxAttempts;
        c.backoff = backoff;
        c.timeout = timeout;
        c.uniqueKey = uniqueKey;
        c.uniquePolicy = uniquePolicy;
        c.initiator = initiator;
        c.resources = resources;
        c.concurrencyKey = concurrencyKey;
        c.concurrencyLimit = concurrencyLimit;
        c.rateKey = rateKey;
        c.rateStarts = rateStarts;
        c.ratePeriod = ratePeriod;
        c.tags = tags;
        c.weight = weight;
        c.conditions = conditions;
        return c;
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
        DispatchOptions c = copy();
        c.queue = queue;
        return c;
    }

    /** Priority within the queue: lower runs first; equal priorities run in dispatch order (default 0). */
    public DispatchOptions withPriority(int priority) {
        DispatchOptions c = copy();
        c.priority = priority;
        return c;
    }

    /** Starts the job no earlier than {@code runAt} (stored at once; survives restarts), a time from 1970 to the end of the year 9999. */
    public DispatchOptions withRunAt(Instant runAt) {
        Objects.requireNonNull(runAt, "runAt");
        if (runAt.isBefore(EARLIEST_RUN_AT) || runAt.isAfter(LATEST_RUN_AT)) {
            throw new IllegalArgumentException("runAt must be between " + EARLIEST_RUN_AT + " and " + LATEST_RUN_AT
                    + ", was " + runAt);
        }
        DispatchOptions c = copy();
        c.runAt = runAt;
        c.delay = null;
        return c;
    }

    /** Starts the job no earlier than {@code delay} after the dispatch (at most 1,000 years). */
    public DispatchOptions withDelay(Duration delay) {
        checkDuration("delay", delay, false);
        DispatchOptions c = copy();
        c.delay = delay;
        c.runAt = null;
        return c;
    }

    /** How many attempts in all (1 = no retry); attempts after a retryable failure wait an exponential backoff. */
    public DispatchOptions withMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        DispatchOptions c = copy();
        c.maxAttempts = maxAttempts;
        return c;
    }

    /** The delay before the first retry; each later retry waits twice as long (with jitter). */
    public DispatchOptions withBackoff(Duration backoff) {
        checkDuration("backoff", backoff, false);
        DispatchOptions c = copy();
        c.backoff = backoff;
        return c;
    }

    /** How long one run may take before it is interrupted as timed out (at most 1,000 years; counted in whole milliseconds, rounded up). */
    public DispatchOptions withTimeout(Duration timeout) {
        checkDuration("timeout", timeout, true);
        DispatchOptions c = copy();
        c.timeout = timeout;
        return c;
    }

    /** A unique key (for example {@code "index:/photos"}) and what to do if an active job has it. */
    public DispatchOptions withUniqueKey(String key, UniquePolicy policy) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("unique key must not be blank");
        }
        DispatchOptions c = copy();
        c.uniqueKey = key;
        c.uniquePolicy = Objects.requireNonNull(policy, "policy");
        return c;
    }

    /** Who or what dispatched the job (kept with the record, for audit). */
    public DispatchOptions withInitiator(String initiator) {
        DispatchOptions c = copy();
        c.initiator = initiator;
        return c;
    }

    /**
     * The resources the job uses (replacing any given before): it never runs at the same time as a job whose
     * use of one of them conflicts (see {@link Resource}). At most 64.
     */
    public DispatchOptions withResources(Resource... resources) {
        List<Resource> list = List.of(resources);
        if (list.size() > 64) {
            throw new IllegalArgumentException("at most 64 resources per job, was " + list.size());
        }
        DispatchOptions c = copy();
        c.resources = List.copyOf(new LinkedHashSet<>(list));
        return c;
    }

    /**
     * At most {@code limit} jobs with this key run at once; {@code limit} 1 runs them one after the other, in
     * priority then dispatch order. The limit is the one given by each job: a job starts while fewer than its
     * own limit of jobs with its key run.
     */
    public DispatchOptions withConcurrencyKey(String key, int limit) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("concurrency key must not be blank");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("concurrency limit must be >= 1, was " + limit);
        }
        DispatchOptions c = copy();
        c.concurrencyKey = key;
        c.concurrencyLimit = limit;
        return c;
    }

    /**
     * At most {@code starts} jobs with this key start within any window of length {@code per} (a sliding
     * window; the starts are stored, so a restart does not open the window into a burst).
     */
    public DispatchOptions withRateLimit(String key, int starts, Duration per) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("rate limit key must not be blank");
        }
        if (starts < 1) {
            throw new IllegalArgumentException("rate limit starts must be >= 1, was " + starts);
        }
        checkDuration("rate limit period", per, true);
        DispatchOptions c = copy();
        c.rateKey = key;
        c.rateStarts = starts;
        c.ratePeriod = per;
        return c;
    }

    /**
     * Tags for the job (added to any given before), by which {@link JobQuery#withTag} finds it and
     * {@link Library#pause(JobQuery)} and friends control it with others. Tags are letters, digits and
     * {@code - _ . : /}, up to 200 characters; at most 32 per job. A child job inherits its parent's tags.
     */
    public DispatchOptions withTags(String... tags) {
        List<String> all = new ArrayList<>(this.tags);
        for (String t : tags) {
            checkTag(t);
            if (!all.contains(t)) {
                all.add(t);
            }
        }
        if (all.size() > 32) {
            throw new IllegalArgumentException("at most 32 tags per job, was " + all.size());
        }
        DispatchOptions c = copy();
        c.tags = List.copyOf(all);
        return c;
    }

    /**
     * Conditions the machine must meet for the job to start and to go on running (replacing any given before):
     * on AC power, battery, network, disk space, user idle, or a condition the app names and sets with
     * {@link Library#setCondition}. A running job whose condition stops holding is interrupted with
     * {@link InterruptReason#CONDITION} and resumes by itself when its conditions hold again. At most 16.
     */
    public DispatchOptions withConditions(Condition... conditions) {
        List<Condition> list = List.of(conditions);
        if (list.size() > 16) {
            throw new IllegalArgumentException("at most 16 conditions per job, was " + list.size());
        }
        DispatchOptions c = copy();
        c.conditions = List.copyOf(new LinkedHashSet<>(list));
        return c;
    }

    /** How much the job counts in a group's progress ({@link Library#progress(JobQuery)}); default 1. */
    public DispatchOptions withWeight(double weight) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be a finite number > 0, was " + weight);
        }
        DispatchOptions c = copy();
        c.weight = weight;
        return c;
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

    /** The resources the job uses; empty for none. */
    public List<Resource> resources() {
        return resources;
    }

    /** The concurrency key, or null. */
    public String concurrencyKey() {
        return concurrencyKey;
    }

    /** The concurrency key's limit (0 without a key). */
    public int concurrencyLimit() {
        return concurrencyLimit;
    }

    /** The rate limit's key, or null. */
    public String rateLimitKey() {
        return rateKey;
    }

    /** Starts allowed per rate-limit window (0 without a rate limit). */
    public int rateLimitStarts() {
        return rateStarts;
    }

    /** The rate-limit window, or null. */
    public Duration rateLimitPeriod() {
        return ratePeriod;
    }

    /** The tags; empty for none. */
    public List<String> tags() {
        return tags;
    }

    /** The conditions the job requires; empty for none. */
    public List<Condition> conditions() {
        return conditions;
    }

    /** The weight in a group's progress, or null for the default (1). */
    public Double weight() {
        return weight;
    }

    /** Checks a tag's form (see {@link #withTags}). */
    static void checkTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("a tag is 1 to 200 letters, digits or - _ . : /, was '" + tag + "'");
        }
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
