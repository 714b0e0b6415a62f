package dev.stint;

/**
 * The library was closed. Thrown by calls on a closed library, and used to complete the result of a job
 * that had not finished when its library closed (the job itself is kept and resumes on the next open).
 */
public final class LibraryClosedException extends StintException {
    private static final long serialVersionUID = 1L;

    /** The library closed before the operation (or the job) could finish. */
    public LibraryClosedException(String jobId, String message) {
        super(jobId, message, null);
    }
}
