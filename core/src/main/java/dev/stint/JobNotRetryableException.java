package dev.stint;

/**
 * {@link Library#retry} refused a job: it is still active or completed (only failed and cancelled jobs are retried),
 * its arguments are not stored (it finished before schema version 8 kept them in history), or its stored row is
 * damaged. The message says which.
 */
public final class JobNotRetryableException extends StintException {
    private static final long serialVersionUID = 1L;

    /** Job {@code jobId} cannot be retried, for {@code reason}. */
    public JobNotRetryableException(String jobId, String reason) {
        super(jobId, "job " + jobId + " cannot be retried: " + reason, null);
    }
}
