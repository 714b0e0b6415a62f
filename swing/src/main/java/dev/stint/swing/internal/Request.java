package dev.stint.swing.internal;

/** A control request the user made that the job has not acted on yet. */
public enum Request {
    /** Pause asked for a running job: it stops at its next interruption check. */
    PAUSE,
    /** Cancel asked for a running job: it stops at its next interruption check. */
    CANCEL
}
