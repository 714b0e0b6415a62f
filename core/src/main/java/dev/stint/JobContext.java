package dev.stint;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a running job can ask of the engine: interruption checks, progress, checkpoints and
 * non-critical errors.
 *
 * <p>A context belongs to one run of one job and must only be used from the thread that runs the job
 * (progress reporting excepted: it may be called from any thread).
 */
public interface JobContext {

    /** The job's id. */
    String jobId();

    /** The job's type name, as in {@link JobType#name()}. */
    String jobName();

    /** The folder of the library that runs this job. */
    Path libraryDir();

    /**
     * Whether this run continues a job that ran before (after a pause, a shutdown or a crash), that is,
     * whether the job object was rebuilt from stored state rather than from its dispatch arguments.
     */
    boolean isResumed();

    /** The job's log: slf4j with the job id in the MDC, and a per-job file when the library enables them. */
    JobLog log();

    /** The number of this attempt, from 1; a retry after a failure is the next attempt (resumes are not). */
    int attempt();

    /**
     * Throws {@link JobInterruptedException} if the job was asked to stop (pause, cancel or shutdown).
     * Call it in loops, at a point where the job's fields are consistent: on pause and shutdown, the
     * engine stores the job object as it is when this exception propagates out of {@link Job#run}.
     *
     * @throws JobInterruptedException carrying the {@link InterruptReason}; let it propagate
     */
    void checkInterrupted();

    /** The reason the job was asked to stop, if it was; does not throw. */
    Optional<InterruptReason> interruptRequested();

    /**
     * Stores the job object's current state as its latest checkpoint and returns only once that is
     * committed to {@code jobs.db}. After a crash the job resumes from the latest committed checkpoint.
     *
     * @throws JobNotResumableException if the job type is not resumable
     * @throws StorageException if the checkpoint could not be committed
     */
    void checkpoint();

    /**
     * Reports progress. Cheap enough to call in a tight loop: listeners receive a coalesced stream (the
     * latest value at most once per progress interval, the final value always) and {@code jobs.db}
     * receives a snapshot at most once per persist interval and at every status change.
     */
    void reportProgress(Progress progress);

    /** Reports {@code done} of {@code total} items. */
    default void reportCount(long done, long total) {
        reportProgress(new Progress.Count(done, total));
    }

    /** Reports a fraction done, from 0.0 to 1.0. */
    default void reportPercent(double fraction) {
        reportProgress(new Progress.Percent(fraction));
    }

    /** Reports {@code done} of {@code total} bytes ({@code total} may be -1 when unknown). */
    default void reportBytes(long done, long total) {
        reportProgress(new Progress.Bytes(done, total));
    }

    /** Reports activity whose extent is unknown, with a message for the user. */
    default void reportIndeterminate(String message) {
        reportProgress(new Progress.Indeterminate(message));
    }

    /** Reports a named phase with structured data (values must be encodable: numbers, strings, lists, maps). */
    default void reportPhase(String phase, Map<String, Object> data) {
        reportProgress(new Progress.Phase(phase, data));
    }

    /**
     * Records a problem that does not stop the job (a skipped file, say). Non-critical errors accumulate
     * on the job, are persisted, and appear in history.
     */
    void reportNonCriticalError(String message);

    /** Records a non-critical error with its cause. */
    void reportNonCriticalError(String message, Throwable cause);

    /** The non-critical errors recorded so far, across all runs of this job. */
    List<ErrorRecord> nonCriticalErrors();
}
