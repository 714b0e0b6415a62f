package dev.stint;

/** Completes a job's result when the job failed; carries the stored {@link ErrorRecord}. */
public final class JobFailedException extends StintException {
    private static final long serialVersionUID = 1L;
    private final transient ErrorRecord error;

    /** The job {@code jobId} failed with {@code error}. */
    public JobFailedException(String jobId, ErrorRecord error) {
        super(jobId, "job " + jobId + " failed: " + error.summary(), null);
        this.error = error;
    }

    /** The stored error. */
    public ErrorRecord error() {
        return error;
    }
}
