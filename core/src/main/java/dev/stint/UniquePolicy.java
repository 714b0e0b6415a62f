package dev.stint;

/**
 * What a dispatch with a unique key does when an active job (queued, running or paused) already has that
 * key. Enforced in {@code jobs.db} by a unique index, not only in memory.
 */
public enum UniquePolicy {
    /** Keep the existing job; store nothing and return a handle on the existing one. */
    KEEP_EXISTING,
    /** Cancel the existing job (a running one at its next interruption check) and store the new one. */
    REPLACE,
    /** Store the new job to run after the existing one (the last of its chain) has finished, whatever its outcome. */
    APPEND
}
