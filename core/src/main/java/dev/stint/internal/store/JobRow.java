package dev.stint.internal.store;

import dev.stint.JobStatus;
import dev.stint.StopReason;

/**
 * One job as stored, active or in history, with its blobs still encoded.
 *
 * @param state the initial state (active jobs only; null in what {@link JobReads} returns: only a run needs it)
 * @param checkpoint latest checkpoint state (active jobs only; null in what {@link JobReads} returns), or null
 * @param checkpoints how many checkpoints were written
 * @param output encoded output (history only), or null
 * @param error encoded error record (history only), or null
 * @param runAt not-before time (epoch ms), or null
 * @param attempts failed attempts so far (active) or attempts made (history)
 * @param attemptErrors encoded error records of failed attempts, or null
 * @param results encoded intermediate results (a map), or null
 * @param steps steps committed so far
 * @param retryOf the finished job this one retries ({@code Library.retry}), or null
 * @param rules the run rules as stored (JSON, see {@code RunRules}), or null for a plain job (and in a claim's row)
 * @param tags the tags as stored (a JSON array), or null (and in a claim's row)
 * @param weight the weight in a group's progress, or null for the default
 * @param inHistory whether the row is in {@code job_history}
 * @param damage what is wrong with the row (see {@link RowCheck}); empty for a sound row
 */
public record JobRow(
        long seq,
        String id,
        String name,
        int version,
        JobStatus status,
        byte[] state,
        byte[] checkpoint,
        int checkpoints,
        byte[] progress,
        byte[] errors,
        byte[] output,
        byte[] error,
        int runCount,
        StopReason stopReason,
        long createdAt,
        Long startedAt,
        Long finishedAt,
        long updatedAt,
        String queue,
        int priority,
        Long runAt,
        int attempts,
        int maxAttempts,
        long backoffMs,
        Long timeoutMs,
        String uniqueKey,
        String afterId,
        String parentId,
        String initiator,
        byte[] attemptErrors,
        long runMs,
        byte[] results,
        int steps,
        String retryOf,
        String rules,
        String tags,
        Double weight,
        boolean inHistory,
        java.util.List<String> damage) {

    /** A sound row, in history when its status is terminal. */
    public JobRow(long seq, String id, String name, int version, JobStatus status, byte[] state, byte[] checkpoint,
            int checkpoints, byte[] progress, byte[] errors, byte[] output, byte[] error, int runCount,
            StopReason stopReason, long createdAt, Long startedAt, Long finishedAt, long updatedAt, String queue,
            int priority, Long runAt, int attempts, int maxAttempts, long backoffMs, Long timeoutMs, String uniqueKey,
            String afterId, String parentId, String initiator, byte[] attemptErrors, long runMs, byte[] results,
            int steps) {
        this(seq, id, name, version, status, state, checkpoint, checkpoints, progress, errors, output, error, runCount,
                stopReason, createdAt, startedAt, finishedAt, updatedAt, queue, priority, runAt, attempts, maxAttempts,
                backoffMs, timeoutMs, uniqueKey, afterId, parentId, initiator, attemptErrors, runMs, results, steps,
                null, null, null, null, status.isTerminal(), java.util.List.of());
    }

    /** Whether the row is damaged: listed, never run. */
    public boolean damaged() {
        return !damage.isEmpty();
    }
}
