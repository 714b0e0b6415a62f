package dev.stint;

import java.util.Locale;

/**
 * A job's data is larger than the library allows (see {@link Library.Builder#maxStateBytes},
 * {@link Library.Builder#maxOutputBytes} and {@link Library.Builder#maxProgressDataBytes}). What happens
 * depends on which data it was:
 *
 * <ul>
 *   <li>{@link Kind#STATE} at dispatch: the dispatch call throws it and nothing is stored;
 *   <li>{@link Kind#STATE}, {@link Kind#STEP_RESULT} or {@link Kind#RESULTS} while running: the
 *       {@link JobContext} call (checkpoint, step, spawn, mergeResults) throws it to the job's code and
 *       nothing is written;
 *   <li>{@link Kind#OUTPUT}: the job fails (critical, never retried) with this error in its history;
 *   <li>{@link Kind#PROGRESS_DATA}: the progress is delivered without its data and the job goes on; the
 *       error is recorded once per run as a non-critical error.
 * </ul>
 */
public final class JobDataTooLargeException extends StintException {
    private static final long serialVersionUID = 1L;

    /** Which of a job's data was too large. */
    public enum Kind {
        /** The job object: its dispatch arguments, a checkpoint, or the state saved at a pause. */
        STATE,
        /** The value a {@link JobContext#step} returned (or the ids of spawned children). */
        STEP_RESULT,
        /** The intermediate results ({@link JobContext#mergeResults}). */
        RESULTS,
        /** The value {@link Job#run} returned. */
        OUTPUT,
        /** The data map of a {@link Progress.Phase}. */
        PROGRESS_DATA
    }

    private final String jobName;
    private final Kind kind;
    private final long size;
    private final long limit;

    /**
     * The {@code kind} data of job {@code jobId} (null before the job is stored) of type {@code jobName}
     * encodes to {@code size} bytes, more than {@code limit}.
     */
    public JobDataTooLargeException(String jobId, String jobName, Kind kind, long size, long limit) {
        super(jobId, describe(jobId, jobName, kind, size, limit), null);
        this.jobName = jobName;
        this.kind = kind;
        this.size = size;
        this.limit = limit;
    }

    private static String describe(String jobId, String jobName, Kind kind, long size, long limit) {
        String job = (jobName == null ? "job" : "job '" + jobName + "'") + (jobId == null ? "" : " " + jobId);
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " of " + job + " is " + size
                + " bytes, over the limit of " + limit + " bytes (Library.Builder." + settingOf(kind) + ")";
    }

    /** The builder setting that bounds data of this kind. */
    public static String settingOf(Kind kind) {
        return switch (kind) {
            case STATE, STEP_RESULT, RESULTS -> "maxStateBytes";
            case OUTPUT -> "maxOutputBytes";
            case PROGRESS_DATA -> "maxProgressDataBytes";
        };
    }

    /** The job's type name, when known. */
    public String jobName() {
        return jobName;
    }

    /** Which data was too large. */
    public Kind kind() {
        return kind;
    }

    /** Its encoded size in bytes. */
    public long size() {
        return size;
    }

    /** The configured limit in bytes. */
    public long limit() {
        return limit;
    }
}
