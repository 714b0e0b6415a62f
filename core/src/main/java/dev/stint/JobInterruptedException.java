package dev.stint;

/**
 * Thrown by {@link JobContext#checkInterrupted()} when the job was asked to stop. Let it propagate out of
 * {@link Job#run}; the engine then pauses, cancels or suspends the job according to {@link #reason()}.
 */
public final class JobInterruptedException extends StintException {
    private static final long serialVersionUID = 1L;
    private final InterruptReason reason;

    /** The job {@code jobId} was asked to stop for {@code reason}. */
    public JobInterruptedException(String jobId, InterruptReason reason) {
        super(jobId, "job " + jobId + " interrupted: " + reason.name().toLowerCase(java.util.Locale.ROOT), null);
        this.reason = reason;
    }

    /** Why the job was stopped. */
    public InterruptReason reason() {
        return reason;
    }
}
