package dev.stint;

/** No active or finished job has this id in the library. */
public final class JobNotFoundException extends StintException {
    private static final long serialVersionUID = 1L;

    /** The id is unknown. */
    public JobNotFoundException(String jobId) {
        super(jobId, "no job with id " + jobId, null);
    }
}
