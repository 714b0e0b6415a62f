package dev.stint;

/** Completes a job's result when the job was cancelled. */
public final class JobCancelledException extends StintException {
    private static final long serialVersionUID = 1L;

    /** The job {@code jobId} was cancelled. */
    public JobCancelledException(String jobId) {
        super(jobId, "job " + jobId + " was cancelled", null);
    }
}
