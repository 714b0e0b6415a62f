package dev.stint;

/** The operation needs a resumable job type (pausing a running job, checkpointing) and this one is not. */
public final class JobNotResumableException extends StintException {
    private static final long serialVersionUID = 1L;

    /** Job {@code jobId} of type {@code jobName} is not resumable, so {@code operation} is refused. */
    public JobNotResumableException(String jobId, String jobName, String operation) {
        super(jobId, "job " + jobId + " (" + jobName + ") is not resumable: cannot " + operation, null);
    }
}
