package dev.stint;

/** No registered job type has this name (and version). Nothing was stored. */
public final class UnknownJobTypeException extends StintException {
    private static final long serialVersionUID = 1L;
    private final String jobName;
    private final String hint;

    /** The name is not in any registered catalog. */
    public UnknownJobTypeException(String jobId, String jobName, String known) {
        this(jobId, jobName, null, known);
    }

    /**
     * The name (or class) is not in any registered catalog; {@code hint} (may be null) says why and what to do,
     * such as that the registry processor did not run on the class.
     */
    public UnknownJobTypeException(String jobId, String jobName, String hint, String known) {
        super(jobId, "unknown job type '" + jobName + "'" + (hint == null ? "" : ": " + hint)
                + (known == null ? "" : "; known types: " + known), null);
        this.jobName = jobName;
        this.hint = hint;
    }

    /** The name that was not found (for a job object, its {@code @JobType} name, or its class name without one). */
    public String jobName() {
        return jobName;
    }

    /** Why the type is unknown and what to do, when Stint can tell. */
    public java.util.Optional<String> hint() {
        return java.util.Optional.ofNullable(hint);
    }
}
