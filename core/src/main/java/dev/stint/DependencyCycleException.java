package dev.stint;

/**
 * The error of a job that could never run because it waited on itself: its chain predecessor
 * ({@link UniquePolicy} chains) or its child jobs lead back to it. No dispatch creates such a cycle; a crafted
 * or damaged {@code jobs.db} can. Every job of the cycle is failed with this error when the library opens (it
 * is their {@link JobInfo#error()} type), so that the jobs after them run and a run that waits for pending
 * jobs ends.
 */
public final class DependencyCycleException extends StintException {
    private static final long serialVersionUID = 1L;

    /** Job {@code jobId} is in the cycle {@code cycle} (each job and what it waits for). */
    public DependencyCycleException(String jobId, String cycle) {
        super(jobId, "job " + jobId + " waits on itself through a dependency cycle (" + cycle
                + "); failed so that the jobs after it can run", null);
    }
}
