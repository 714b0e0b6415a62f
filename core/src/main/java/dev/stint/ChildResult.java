package dev.stint;

/**
 * How a child job ended, as {@link JobContext#awaitChildren} returns it.
 *
 * @param id the child's id
 * @param name its type name
 * @param status {@code COMPLETED}, {@code FAILED} or {@code CANCELLED}
 * @param outputJson its output as JSON text (completed children), or null
 * @param error its error (failed and cancelled children), or null
 */
public record ChildResult(String id, String name, JobStatus status, String outputJson, ErrorRecord error) {

    /** Whether the child completed. */
    public boolean succeeded() {
        return status == JobStatus.COMPLETED;
    }
}
