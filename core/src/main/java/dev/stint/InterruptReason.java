package dev.stint;

/** Why a running job was asked to stop. Reasons are sticky: the first one requested wins. */
public enum InterruptReason {
    /** The user paused the job: it stays paused, across restarts, until resumed. */
    PAUSE,
    /** The user cancelled the job: it moves to history as cancelled and never resumes. */
    CANCEL,
    /** The library is closing: the job resumes by itself the next time the library opens. */
    SHUTDOWN,
    /**
     * A condition the job requires stopped holding ({@link DispatchOptions#withConditions}): the job is queued
     * again and resumes by itself from its state when its conditions hold again.
     */
    CONDITION,
    /** The run exceeded its timeout: it is recorded as a timed-out attempt and retried or failed by its policy. */
    TIMEOUT
}
