package dev.stint.internal.observe;

/**
 * How one run of a job ended, as it was recorded: what {@link Metrics} counts and a {@link JobRunEvent} names.
 * The run's status alone does not say it (a retried attempt and a run stopped by a shutdown are both queued
 * again).
 */
public enum RunOutcome {
    /** The job returned; it is in history as completed. */
    COMPLETED("completed"),
    /** The job failed for good (no attempt left, or a critical error). */
    FAILED("failed"),
    /** The attempt failed with a retryable error: queued again after a backoff. */
    RETRIED("retried"),
    /** The run stopped cancelled. */
    CANCELLED("cancelled"),
    /** The run stopped paused (a user's pause, or a storage failure). */
    PAUSED("paused"),
    /** The library closed: the run stopped (or was abandoned) and resumes by itself next time. */
    INTERRUPTED("interrupted"),
    /** The run ended to wait for its child jobs; the job is queued again until they are done. */
    WAITING("waiting"),
    /**
     * Nothing was recorded by this run's thread: someone else had settled it (a timeout's abandonment, the
     * library's close), the job was no longer running, or the library closed or crashed before the write.
     */
    NOT_RECORDED("not-recorded");

    private final String label;

    RunOutcome(String label) {
        this.label = label;
    }

    /** The outcome's stable name, as {@link JobRunEvent} records it. */
    public String label() {
        return label;
    }
}
