package dev.stint;

/**
 * {@code jobs.db} could not be read or written: the file is locked by another program, read-only, full,
 * or not a Stint database. Nothing was changed by the failed operation.
 */
public class StorageException extends StintException {
    private static final long serialVersionUID = 1L;

    /** A storage failure with its cause. */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
