package dev.stint;

import java.util.Locale;

/**
 * Why a job that is not finished last stopped running ({@link JobInfo#stopReason()}). A job that never ran,
 * or was resumed by the user, has none.
 */
public enum StopReason {
    /** The user paused it ({@link JobHandle#pause()}); it stays paused until resumed. */
    PAUSE,
    /** The library closed while it ran; it stopped at an interruption check and resumes by itself on the next open. */
    SHUTDOWN,
    /** The process died while it ran; it resumes by itself from its latest checkpoint on the next open. */
    CRASH,
    /**
     * The library closed and the job did not stop within the shutdown timeout; its run was abandoned and it
     * resumes from its latest checkpoint on the next open.
     */
    ABANDONED,
    /**
     * A write of the job failed because {@code jobs.db} could not be written (a full disk, a read-only file):
     * the job is paused, not failed, and resumes when the user resumes it.
     */
    STORAGE,
    /** The job waits for its child jobs; it runs again when the last of them has finished. */
    WAITING,
    /** An attempt failed and the job waits for its next attempt after a backoff. */
    RETRY,
    /**
     * A condition it requires stopped holding while it ran ({@link DispatchOptions#withConditions}): it is queued
     * and resumes by itself when its conditions hold again.
     */
    CONDITION;

    /** The lowercase name stored in {@code jobs.db} and shown by the console ({@code "pause"}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a {@link #wireName()}; null for null.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static StopReason fromWireName(String name) {
        return name == null ? null : valueOf(name.toUpperCase(Locale.ROOT));
    }
}
