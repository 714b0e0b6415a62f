package dev.stint;

/** What {@link JobContext#awaitChildren} does when a child failed or was cancelled. */
public enum ChildFailurePolicy {
    /** Throw {@link ChildJobFailedException}: the parent fails. */
    FAIL_PARENT,
    /** Return every child's result, failures included, and let the parent continue. */
    COLLECT
}
