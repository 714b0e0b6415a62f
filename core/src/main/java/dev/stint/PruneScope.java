package dev.stint;

/**
 * Which finished jobs {@link Library#pruneHistory(java.time.Duration, int, PruneScope)} may remove.
 * Completed and cancelled jobs are always in scope; the choice is about failed ones, which are evidence a
 * user may still want to read.
 */
public enum PruneScope {
    /** Completed and cancelled jobs only; failed jobs stay (as with the library's own retention). */
    KEEP_FAILED,
    /** Completed, cancelled and failed jobs. */
    INCLUDE_FAILED
}
