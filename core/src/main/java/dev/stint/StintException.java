package dev.stint;

import java.util.Optional;

/** Base class of the errors Stint raises. Unchecked; each subtype names one kind of problem. */
public abstract class StintException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String jobId;

    /** An error not tied to one job. */
    protected StintException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /** An error about the job with the given id (may be null). */
    protected StintException(String jobId, String message, Throwable cause) {
        super(message, cause);
        this.jobId = jobId;
    }

    /** The id of the job concerned, when there is one. */
    public Optional<String> jobId() {
        return Optional.ofNullable(jobId);
    }
}
