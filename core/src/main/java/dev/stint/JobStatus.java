package dev.stint;

import java.util.Locale;

/**
 * A job's lifecycle state. {@link #canTransitionTo(JobStatus)} is the one function that says which
 * changes are legal.
 *
 * <pre>
 * QUEUED  -&gt; RUNNING | PAUSED | CANCELLED | FAILED
 * RUNNING -&gt; QUEUED (interrupted by shutdown) | PAUSED | COMPLETED | FAILED | CANCELLED
 * PAUSED  -&gt; QUEUED (resumed) | CANCELLED | FAILED
 * COMPLETED, FAILED, CANCELLED: terminal, in history
 * </pre>
 */
public enum JobStatus {
    /** Stored and waiting for a worker (new, resumed, or interrupted by a shutdown or crash). */
    QUEUED,
    /** A worker is running it. */
    RUNNING,
    /** Paused by the user; stays paused across restarts until resumed. */
    PAUSED,
    /** Finished with an output; in history. */
    COMPLETED,
    /** Finished with an error; in history; never resumes. */
    FAILED,
    /** Cancelled by the user; in history; never resumes. */
    CANCELLED;

    /** Whether this status ends the job (it is then in history). */
    public boolean isTerminal() {
        return switch (this) {
            case COMPLETED, FAILED, CANCELLED -> true;
            case QUEUED, RUNNING, PAUSED -> false;
        };
    }

    /** Whether a job in this status may change to {@code next}. */
    public boolean canTransitionTo(JobStatus next) {
        return switch (this) {
            case QUEUED -> next == RUNNING || next == PAUSED || next == CANCELLED || next == FAILED;
            case RUNNING -> next == QUEUED || next == PAUSED || next == COMPLETED || next == FAILED
                    || next == CANCELLED;
            case PAUSED -> next == QUEUED || next == CANCELLED || next == FAILED;
            case COMPLETED, FAILED, CANCELLED -> false;
        };
    }

    /**
     * Checks a transition.
     *
     * @throws IllegalJobTransitionException naming both statuses when the change is not legal
     */
    public void checkTransitionTo(JobStatus next, String jobId) {
        if (!canTransitionTo(next)) {
            throw new IllegalJobTransitionException(jobId, this, next);
        }
    }

    /** The lowercase name stored in {@code jobs.db} and shown by the console ({@code "queued"}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a {@link #wireName()}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static JobStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
