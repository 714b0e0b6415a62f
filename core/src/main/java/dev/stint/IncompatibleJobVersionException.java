package dev.stint;

/** A stored job has a state version that the registered job type cannot load. The job fails alone. */
public final class IncompatibleJobVersionException extends StintException {
    private static final long serialVersionUID = 1L;
    private final int storedVersion;
    private final int codeVersion;

    /** Job {@code jobId} of type {@code jobName} was stored at {@code storedVersion}; the code has {@code codeVersion}. */
    public IncompatibleJobVersionException(String jobId, String jobName, int storedVersion, int codeVersion) {
        super(jobId, "job " + jobId + " (" + jobName + ") was stored with version " + storedVersion
                + " but the registered type is version " + codeVersion + " and declares no migration from it", null);
        this.storedVersion = storedVersion;
        this.codeVersion = codeVersion;
    }

    /** The version in {@code jobs.db}. */
    public int storedVersion() {
        return storedVersion;
    }

    /** The version of the registered class. */
    public int codeVersion() {
        return codeVersion;
    }
}
