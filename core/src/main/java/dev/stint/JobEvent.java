package dev.stint;

/**
 * Something that happened to a job, delivered to {@link JobListener}s off the worker threads, in order
 * per job.
 */
public sealed interface JobEvent {

    /** The job's id. */
    String jobId();

    /** The job's type name. */
    String jobName();

    /**
     * The job changed status. {@code error} is set when the job failed or was cancelled. A newly
     * dispatched job produces one event with {@code from == null} and {@code to == QUEUED}.
     *
     * @param from the previous status, or null for a job just dispatched
     * @param to the new status
     * @param error the stored error for failed and cancelled jobs, otherwise null
     */
    record StatusChanged(String jobId, String jobName, JobStatus from, JobStatus to, ErrorRecord error)
            implements JobEvent {
    }

    /**
     * The job's progress, coalesced: the latest value at most once per progress interval, and the final
     * value before any status change.
     */
    record ProgressUpdated(String jobId, String jobName, Progress progress) implements JobEvent {
    }

    /**
     * A running job has reported neither progress nor a checkpoint for {@code quietFor} (see
     * {@link Library.Builder#stallTimeout}). Sent once per quiet spell; the job keeps running. The app may
     * warn the user, or pause or cancel the job.
     */
    record Stalled(String jobId, String jobName, java.time.Duration quietFor) implements JobEvent {
    }

    /** The job recorded a non-critical error. */
    record NonCriticalErrorReported(String jobId, String jobName, ErrorRecord error) implements JobEvent {
    }
}
