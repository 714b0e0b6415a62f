package dev.stint;

/**
 * A unit of resumable background work.
 *
 * <p>A job class carries its own state as fields. Stint stores the object (MessagePack, fields by name)
 * when it is dispatched and at every {@link JobContext#checkpoint() checkpoint}, and rebuilds it from
 * the latest stored state when the job resumes after a pause, a shutdown or a crash. {@link #run} is
 * then called again on the rebuilt object: the job continues from the values its fields hold.
 *
 * <p>Annotate the class with {@link JobType}. Fields that are not state (caches, open files) should be
 * {@code transient}.
 *
 * @param <O> the job's output, encoded with Jackson; use {@link Void} for none
 */
@FunctionalInterface
public interface Job<O> {

    /**
     * Runs (or continues) the job.
     *
     * <p>Call {@link JobContext#checkInterrupted()} regularly in loops so that pause, cancel and shutdown
     * take effect; the exception it throws must propagate out of this method.
     *
     * @param ctx the job's context: interruption, progress, checkpoints, non-critical errors
     * @return the job's output, stored in history
     * @throws Exception any failure; {@link CriticalJobException} marks the failure as permanent. Any
     *     exception fails the job (it moves to history with the error recorded)
     */
    O run(JobContext ctx) throws Exception;
}
