package dev.stint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one job as stored in {@code jobs.db}, active or in history.
 *
 * @param id the job's id
 * @param name its type name
 * @param version the state version it was stored with
 * @param status its status
 * @param createdAt when it was dispatched
 * @param startedAt when it first started, or null
 * @param finishedAt when it reached history, or null
 * @param runCount how many times a worker started it (attempts and resumes)
 * @param checkpoints how many checkpoints were committed
 * @param stopReason why it last stopped without finishing (see {@link StopReason}), or null
 * @param progress the latest stored progress snapshot, or null
 * @param outputJson the output as JSON text (completed jobs), or null
 * @param error the error of a failed or cancelled job, or null
 * @param nonCriticalErrors non-critical errors recorded by the job
 * @param queue the queue it runs in
 * @param priority its priority within the queue (lower first)
 * @param runAt the instant before which it does not start (delayed or retrying jobs), or null
 * @param attempts attempts made so far (a running attempt included)
 * @param maxAttempts attempts allowed in all
 * @param timeout the per-run timeout, or null
 * @param uniqueKey its unique key, or null
 * @param parentId the job that spawned it, or null
 * @param initiator who or what dispatched it, or null
 * @param attemptErrors the error of each failed attempt, oldest first
 * @param runTime total time spent running, over all runs
 * @param resultsJson the intermediate results as a JSON object text, or null
 * @param stepsCompleted how many steps have been committed
 * @param damage what is wrong with the stored row, or null for a sound one. A damaged job is listed but never
 *     run; its {@code id} is {@code jobs#seq} or {@code job_history#seq} when the row has none, and its status
 *     {@code paused} (active) or {@code failed} (history) when the stored one is unknown. See {@link RowDamage}.
 * @param retryOf the failed or cancelled job this one retries ({@link Library#retry}), or null
 * @param tags its tags ({@link DispatchOptions#withTags}), in the order given
 * @param rules its run rules ({@link JobRules#NONE} for none)
 * @param weight how much it counts in a group's progress ({@link Library#progress(JobQuery)}), 1 by default
 * @param waitingFor why a queued job has not started although its queue may have a free worker (a resource
 *     held by another job, a concurrency key at its limit, a rate limit, a condition), or null: known while the
 *     library runs, for the jobs its scheduler has looked at
 */
public record JobInfo(
        String id,
        String name,
        int version,
        JobStatus status,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        int runCount,
        int checkpoints,
        StopReason stopReason,
        Progress progress,
        String outputJson,
        ErrorRecord error,
        List<ErrorRecord> nonCriticalErrors,
        String queue,
        int priority,
        Instant runAt,
        int attempts,
        int maxAttempts,
        Duration timeout,
        String uniqueKey,
        String parentId,
        String initiator,
        List<ErrorRecord> attemptErrors,
        Duration runTime,
        String resultsJson,
        int stepsCompleted,
        RowDamage damage,
        String retryOf,
        List<String> tags,
        JobRules rules,
        double weight,
        String waitingFor) {

    /** Copies the lists. */
    public JobInfo {
        nonCriticalErrors = List.copyOf(nonCriticalErrors);
        attemptErrors = List.copyOf(attemptErrors);
        tags = List.copyOf(tags);
        rules = rules == null ? JobRules.NONE : rules;
    }

    /** A snapshot of a job without tags or run rules. */
    public JobInfo(String id, String name, int version, JobStatus status, Instant createdAt, Instant startedAt,
            Instant finishedAt, int runCount, int checkpoints, StopReason stopReason, Progress progress,
            String outputJson, ErrorRecord error, List<ErrorRecord> nonCriticalErrors, String queue, int priority,
            Instant runAt, int attempts, int maxAttempts, Duration timeout, String uniqueKey, String parentId,
            String initiator, List<ErrorRecord> attemptErrors, Duration runTime, String resultsJson,
            int stepsCompleted, RowDamage damage, String retryOf) {
        this(id, name, version, status, createdAt, startedAt, finishedAt, runCount, checkpoints, stopReason, progress,
                outputJson, error, nonCriticalErrors, queue, priority, runAt, attempts, maxAttempts, timeout, uniqueKey,
                parentId, initiator, attemptErrors, runTime, resultsJson, stepsCompleted, damage, retryOf, List.of(),
                JobRules.NONE, 1, null);
    }

    /** The same snapshot with {@code waitingFor} set. */
    public JobInfo withWaitingFor(String waitingFor) {
        return new JobInfo(id, name, version, status, createdAt, startedAt, finishedAt, runCount, checkpoints,
                stopReason, progress, outputJson, error, nonCriticalErrors, queue, priority, runAt, attempts,
                maxAttempts, timeout, uniqueKey, parentId, initiator, attemptErrors, runTime, resultsJson,
                stepsCompleted, damage, retryOf, tags, rules, weight, waitingFor);
    }

    /** A snapshot of a job that retries no other. */
    public JobInfo(String id, String name, int version, JobStatus status, Instant createdAt, Instant startedAt,
            Instant finishedAt, int runCount, int checkpoints, StopReason stopReason, Progress progress,
            String outputJson, ErrorRecord error, List<ErrorRecord> nonCriticalErrors, String queue, int priority,
            Instant runAt, int attempts, int maxAttempts, Duration timeout, String uniqueKey, String parentId,
            String initiator, List<ErrorRecord> attemptErrors, Duration runTime, String resultsJson,
            int stepsCompleted, RowDamage damage) {
        this(id, name, version, status, createdAt, startedAt, finishedAt, runCount, checkpoints, stopReason, progress,
                outputJson, error, nonCriticalErrors, queue, priority, runAt, attempts, maxAttempts, timeout, uniqueKey,
                parentId, initiator, attemptErrors, runTime, resultsJson, stepsCompleted, damage, null);
    }

    /** A snapshot of a sound row (no {@link #damage()}) that retries no other job. */
    public JobInfo(String id, String name, int version, JobStatus status, Instant createdAt, Instant startedAt,
            Instant finishedAt, int runCount, int checkpoints, StopReason stopReason, Progress progress,
            String outputJson, ErrorRecord error, List<ErrorRecord> nonCriticalErrors, String queue, int priority,
            Instant runAt, int attempts, int maxAttempts, Duration timeout, String uniqueKey, String parentId,
            String initiator, List<ErrorRecord> attemptErrors, Duration runTime, String resultsJson,
            int stepsCompleted) {
        this(id, name, version, status, createdAt, startedAt, finishedAt, runCount, checkpoints, stopReason, progress,
                outputJson, error, nonCriticalErrors, queue, priority, runAt, attempts, maxAttempts, timeout, uniqueKey,
                parentId, initiator, attemptErrors, runTime, resultsJson, stepsCompleted, null, null);
    }

    /** Whether the stored row is damaged: listed, never run (see {@link #damage()}). */
    public boolean isDamaged() {
        return damage != null;
    }

    /** The progress snapshot, if any. */
    public Optional<Progress> progressSnapshot() {
        return Optional.ofNullable(progress);
    }

    /** How long it waited before its first start, if it has started. */
    public Optional<Duration> queuedTime() {
        return startedAt == null ? Optional.empty() : Optional.of(Duration.between(createdAt, startedAt));
    }

    /** A copy with another progress value (the live value of a running job). */
    public JobInfo withProgress(Progress live) {
        return new JobInfo(id, name, version, status, createdAt, startedAt, finishedAt, runCount, checkpoints,
                stopReason, live, outputJson, error, nonCriticalErrors, queue, priority, runAt, attempts,
                maxAttempts, timeout, uniqueKey, parentId, initiator, attemptErrors, runTime, resultsJson, stepsCompleted,
                damage, retryOf, tags, rules, weight, waitingFor);
    }
}
