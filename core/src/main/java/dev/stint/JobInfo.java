package dev.stint;

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
 * @param runCount how many times a worker started it (1 + resumes)
 * @param checkpoints how many checkpoints were committed
 * @param stopReason why it last stopped without finishing ({@code "pause"}, {@code "shutdown"},
 *     {@code "crash"}, {@code "abandoned"}), or null
 * @param progress the latest stored progress snapshot, or null
 * @param outputJson the output as JSON text (completed jobs), or null
 * @param error the error of a failed or cancelled job, or null
 * @param nonCriticalErrors non-critical errors recorded by the job
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
        String stopReason,
        Progress progress,
        String outputJson,
        ErrorRecord error,
        List<ErrorRecord> nonCriticalErrors) {

    /** Copies the error list. */
    public JobInfo {
        nonCriticalErrors = List.copyOf(nonCriticalErrors);
    }

    /** The progress snapshot, if any. */
    public Optional<Progress> progressSnapshot() {
        return Optional.ofNullable(progress);
    }
}
