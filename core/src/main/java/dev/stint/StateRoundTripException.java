package dev.stint;

/**
 * A job's data would not come back as it is after a resume: decoding what was just encoded gives a
 * different value, or fails. Stint checks this when it stores a step's result, a job's state (at dispatch and
 * at its checkpoints and steps) and intermediate results, so that a job that would break after a pause or a
 * crash fails on its first run instead, and the dispatch or {@link JobContext} call that stores such data
 * throws this and writes nothing.
 *
 * <p>The usual cause is a declared type that does not say what the value holds: a step declared as
 * {@code List.class} (or a field of type {@code List<Object>}) that holds {@code Path}s, which come back as
 * strings. Declare the full type: {@code new TypeRef<List<Path>>() {}} for a step, {@code List<Path>} for a
 * field. Another is a type that cannot be rebuilt from its fields (no usable constructor, an interface or an
 * abstract class as the declared type of a field).
 *
 * <p>{@link #where()} names the data (a step, a field of the job, the intermediate results),
 * {@link #path()} the part of it that differs, {@link #declaredType()} the type it was declared with,
 * {@link #stored()} what the job held there and {@link #cameBack()} what a resume would give it.
 */
public final class StateRoundTripException extends StintException {
    private static final long serialVersionUID = 1L;

    private final String jobName;
    private final String where;
    private final String path;
    private final String declaredType;
    private final String stored;
    private final String cameBack;

    /**
     * The data {@code where} (such as {@code step 'discover'} or {@code field 'files'}) of job {@code jobId}
     * (null before the job is stored) of type {@code jobName}, declared as {@code declaredType}, held
     * {@code stored} at {@code path} and would come back as {@code cameBack}.
     */
    public StateRoundTripException(String jobId, String jobName, String where, String path, String declaredType,
            String stored, String cameBack, String advice, Throwable cause) {
        super(jobId, describe(jobId, jobName, where, path, declaredType, stored, cameBack, advice), cause);
        this.jobName = jobName;
        this.where = where;
        this.path = path;
        this.declaredType = declaredType;
        this.stored = stored;
        this.cameBack = cameBack;
    }

    private static String describe(String jobId, String jobName, String where, String path, String declaredType,
            String stored, String cameBack, String advice) {
        String job = (jobName == null ? "job" : "job '" + jobName + "'") + (jobId == null ? "" : " " + jobId);
        String at = path == null || path.isEmpty() ? "" : " at " + path;
        return where + " of " + job + " would not survive a resume: declared as " + declaredType + ", it holds "
                + stored + at + ", which comes back as " + cameBack + (advice == null ? "" : ". " + advice);
    }

    /** The job's type name, when known. */
    public String jobName() {
        return jobName;
    }

    /** The data concerned: {@code step 'NAME'}, {@code field 'NAME'} or {@code intermediate results}. */
    public String where() {
        return where;
    }

    /** Where inside that data the difference is, such as {@code [0]} or {@code files[3].size}; empty at its top. */
    public String path() {
        return path;
    }

    /** The type the data was declared with (a step's type, a field's type), as in source. */
    public String declaredType() {
        return declaredType;
    }

    /** What the job held there: a type and a short rendering of the value. */
    public String stored() {
        return stored;
    }

    /** What decoding gave back there (a type and a short value, or the decoding error). */
    public String cameBack() {
        return cameBack;
    }
}
