package dev.stint;

import java.util.List;

/**
 * Thrown by {@link JobContext#awaitChildren} under {@link ChildFailurePolicy#FAIL_PARENT} when a child
 * failed or was cancelled; it fails the parent (a critical error: no retry).
 */
public final class ChildJobFailedException extends CriticalJobException {
    private static final long serialVersionUID = 1L;
    private final transient List<ChildResult> failed;

    /** The parent's children in {@code failed} did not complete. */
    public ChildJobFailedException(List<ChildResult> failed) {
        super(failed.size() + " child job(s) did not complete: " + failed.stream()
                .map(c -> c.id() + " (" + c.name() + ") " + c.status().wireName()
                        + (c.error() == null ? "" : ": " + c.error().summary()))
                .toList());
        this.failed = List.copyOf(failed);
    }

    /** The children that failed or were cancelled. */
    public List<ChildResult> failed() {
        return failed;
    }
}
