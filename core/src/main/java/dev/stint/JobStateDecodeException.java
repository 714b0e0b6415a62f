package dev.stint;

/**
 * A stored job's state (or output) could not be decoded into its class: the blob is corrupt, crafted, or
 * from an incompatible shape. The job fails alone; the engine keeps running.
 */
public final class JobStateDecodeException extends StintException {
    private static final long serialVersionUID = 1L;

    /** The state of job {@code jobId} of type {@code jobName} could not be decoded. */
    public JobStateDecodeException(String jobId, String jobName, String what, Throwable cause) {
        super(jobId, "cannot decode " + what + " of job " + jobId + " (" + jobName + "): "
                + (cause == null ? "corrupt data" : cause.getMessage()), cause);
    }
}
