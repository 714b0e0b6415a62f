package dev.stint.internal.exec;

/**
 * Ends a parent's run while its children are still active: the runner stores the parent's state and
 * queues it with stop reason {@code waiting}; it is not claimed again until its children have finished. An
 * {@link Error}, so that a job's own {@code catch (Exception e)} cannot swallow it.
 */
final class AwaitingChildren extends Error {
    private static final long serialVersionUID = 1L;

    AwaitingChildren(String jobId, int active) {
        super("job " + jobId + " waits for " + active + " child job(s)", null, false, false);
    }
}
