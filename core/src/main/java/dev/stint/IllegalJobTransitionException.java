package dev.stint;

/** A lifecycle change that {@link JobStatus#canTransitionTo(JobStatus)} forbids, such as resuming a finished job. */
public final class IllegalJobTransitionException extends StintException {
    private static final long serialVersionUID = 1L;
    private final JobStatus from;
    private final JobStatus to;

    /** The job {@code jobId} cannot go from {@code from} to {@code to}. */
    public IllegalJobTransitionException(String jobId, JobStatus from, JobStatus to) {
        super(jobId, "job " + jobId + " cannot go from " + from.wireName() + " to " + to.wireName(), null);
        this.from = from;
        this.to = to;
    }

    /** The job's status. */
    public JobStatus from() {
        return from;
    }

    /** The status asked for. */
    public JobStatus to() {
        return to;
    }
}
