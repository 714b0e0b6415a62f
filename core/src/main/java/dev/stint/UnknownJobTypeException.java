package dev.stint;

/** No registered job type has this name (and version). Nothing was stored. */
public final class UnknownJobTypeException extends StintException {
    private static final long serialVersionUID = 1L;
    private final String jobName;

    /** The name is not in any registered catalog. */
    public UnknownJobTypeException(String jobId, String jobName, String known) {
        super(jobId, "unknown job type '" + jobName + "'" + (known == null ? "" : "; known types: " + known), null);
        this.jobName = jobName;
    }

    /** The name that was not found. */
    public String jobName() {
        return jobName;
    }
}
