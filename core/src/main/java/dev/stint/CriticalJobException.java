package dev.stint;

/**
 * Thrown by job code to fail the job permanently: it moves to history as failed and never resumes or
 * retries.
 */
public class CriticalJobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A critical failure with a message. */
    public CriticalJobException(String message) {
        super(message);
    }

    /** A critical failure with a message and a cause. */
    public CriticalJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
