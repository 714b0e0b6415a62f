package dev.stint;

/**
 * Thrown by job code for a failure worth another attempt (a network error, a locked file). The job runs
 * again after an exponential backoff while it has attempts left ({@link DispatchOptions#withMaxAttempts},
 * {@link JobPolicy#maxAttempts()}); then it fails. Any other exception except {@link CriticalJobException}
 * is treated the same way; this type just says so explicitly.
 */
public class RetryableJobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A retryable failure with a message. */
    public RetryableJobException(String message) {
        super(message);
    }

    /** A retryable failure with a message and a cause. */
    public RetryableJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
