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
     * <p>The state stored by a run's first checkpoint or step is decoded again and compared with the job's
     * fields: a field that would not come back as it is (a {@code List<Object>} of {@code Path}s comes back
     * as strings) throws {@link StateRoundTripException} naming the field, on this first run.
     *
     * @throws JobNotResumableException if the job type is not resumable
     * @throws StateRoundTripException if the state would not survive a resume; nothing is stored
     * @throws JobDataTooLargeException if the state is over the library's limit; nothing is stored
     * @throws StorageException if the checkpoint could not be committed
     * @throws StintInterruptedException if the job's thread is interrupted while it waits for the commit
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

    // ---- steps, phases, batches, intermediate results ---------------------------------------------

    /**
     * Runs a named step once. If a step of this name was committed by an earlier run, its stored result is
     * returned and {@code body} is not run. Otherwise {@code body} runs, and then its completion mark, its
     * result and the job's state (this object's fields) are committed in one transaction before this
     * returns: after a crash or a pause at any instant, a committed step never runs again, and the job
     * resumes at the first step not committed. Step names must be stable across runs.
     *
     * <p>The result is stored as {@code resultType} and read back as it after a resume, so the type must say
     * everything about the value: for a generic type use {@link #step(String, TypeRef, StepBody)}
     * ({@code List.class} would read a list of {@code Path}s back as a list of strings). The first time a
     * result is stored, Stint decodes it again and compares: a result that would not come back as it is
     * throws {@link StateRoundTripException} on this first run, instead of breaking the job after a resume.
     *
     * @param resultType the class the result is stored as (use {@code Void.class} for none)
     * @throws JobNotResumableException if the job type is not resumable
     * @throws JobInterruptedException if the job was asked to stop (checked before the step runs)
     * @throws StateRoundTripException if the result (or the job's state) would not survive a resume; nothing
     *     is stored
     * @throws JobDataTooLargeException if the result or the job's state is over the library's limit; nothing
     *     is stored
     */
    default <T> T step(String name, Class<T> resultType, StepBody<T> body) throws Exception {
        return step(name, TypeRef.of(resultType), body);
    }

    /**
     * Runs a named step once, as {@link #step(String, Class, StepBody)} does, with a result of a generic type:
     * {@code List<Path> files = ctx.step("discover", new TypeRef<List<Path>>() {}, () -> scan(root));}.
     *
     * @param resultType the full type the result is stored as and read back as after a resume
     * @throws JobNotResumableException if the job type is not resumable
     * @throws JobInterruptedException if the job was asked to stop (checked before the step runs)
     * @throws StateRoundTripException if the result (or the job's state) would not survive a resume; nothing
     *     is stored
     * @throws JobDataTooLargeException if the result or the job's state is over the library's limit; nothing
     *     is stored
     */
    <T> T step(String name, TypeRef<T> resultType, StepBody<T> body) throws Exception;

    /** A step without a result; see {@link #step(String, Class, StepBody)}. */
    default void step(String name, StepAction body) throws Exception {
        step(name, Void.class, () -> {
            body.run();
            return null;
        });
    }

    /** Whether a step of this name has been committed (by this run or an earlier one). */
    boolean isStepDone(String name);

    /**
     * Runs each constant of an enum as a step, in declaration order (the step name is the constant's
     * name); phases committed earlier are skipped.
     */
    default <E extends Enum<E>> void phases(Class<E> phases, PhaseBody<E> body) throws Exception {
        for (E phase : phases.getEnumConstants()) {
            step(phase.name(), () -> body.run(phase));
        }
    }

    /**
     * Processes a list in chunks of {@code chunkSize}, each chunk a step named {@code name#index}: a chunk
     * committed earlier is skipped, each chunk commits the job's state with its completion, and count
     * progress (items done of all items) is reported after each chunk.
     */
    <T> void batches(String name, List<T> items, int chunkSize, BatchBody<T> body) throws Exception;

    /**
     * Merges key/value data into the job's saved intermediate results (a {@code null} value removes the
     * key) and returns once committed. The results are kept across runs, shown by queries
     * ({@link JobInfo#resultsJson()}) and kept in history. Values must be encodable (numbers, strings,
     * booleans, lists, maps).
     */
    void mergeResults(Map<String, Object> patch);

    /** The intermediate results saved so far (a copy). */
    Map<String, Object> results();

    // ---- child jobs ---------------------------------------------------------------------------------

    /**
     * Stores child jobs (their parent is this job) in one transaction together with this job's state, and
     * returns their ids in order. The spawn is a step: a parent that runs again after a pause or a crash
     * gets the same ids back and stores nothing twice. Children run like any job (in their own queues).
     *
     * @throws UnknownJobTypeException if a child's class is not registered; nothing is stored
     * @throws JobDataTooLargeException if a child's state or this job's state is over the library's limit;
     *     nothing is stored
     * @throws JobNotResumableException if this job's type is not resumable
     * @throws JobInterruptedException if the job was asked to stop (checked before anything is stored)
     * @throws StorageException if the spawn could not be committed
     */
    List<String> spawn(List<? extends Job<?>> children);

    /**
     * Returns how the given children ended, in the same order, once they have all finished. It does not
     * block a worker while they run: if any child is still active, this call does not return. It ends the
     * parent's run instead, by throwing an engine signal (an {@link Error}, so that a
     * {@code catch (Exception e)} around it lets it through; never catch {@code Throwable} or {@code Error}
     * around this call). The engine then stores the parent's state (its fields as they are at this call) and
     * queues it (status {@code queued}, stop reason {@code "waiting"}) without a worker. When its last child
     * has finished, the parent runs again from that stored state: {@link Job#run} is called again from its
     * start (a {@link #spawn} before this call returns the same ids without storing anything), and this time
     * every child has finished, so this call returns their results at once. The wait survives restarts.
     *
     * @param childIds the children to wait for, usually the ids {@link #spawn} returned
     * @param policy what to do when a child failed or was cancelled
     * @return each child's status, output and error, in the order of {@code childIds}
     * @throws ChildJobFailedException under {@link ChildFailurePolicy#FAIL_PARENT} if a child did not complete
     * @throws JobNotFoundException if an id is not a job of this library
     */
    List<ChildResult> awaitChildren(List<String> childIds, ChildFailurePolicy policy);

    /** The body of a step that produces a result. */
    @FunctionalInterface
    interface StepBody<T> {
        /** Does the step's work. */
        T run() throws Exception;
    }

    /** The body of a step without a result. */
    @FunctionalInterface
    interface StepAction {
        /** Does the step's work. */
        void run() throws Exception;
    }

    /** The body run for each phase. */
    @FunctionalInterface
    interface PhaseBody<E extends Enum<E>> {
        /** Does the phase's work. */
        void run(E phase) throws Exception;
    }

    /** The body run for each chunk of a batch. */
    @FunctionalInterface
    interface BatchBody<T> {
        /** Processes one chunk; {@code index} counts chunks from 0. */
        void process(List<T> chunk, int index) throws Exception;
    }
}
