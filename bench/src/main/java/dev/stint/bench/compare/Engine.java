package dev.stint.bench.compare;

import java.time.Duration;

/**
 * One open job engine on its own SQLite file, as the workloads drive it. Job {@code n} is a no-op whose body
 * calls {@link JobProbe#started(long)}. Every call returns once the engine has stored what it was asked to.
 */
public interface Engine extends AutoCloseable {

    /** Stores job {@code n} with the engine's one-job call. */
    void dispatch(long n) throws Exception;

    /** Stores jobs {@code from .. from+count-1} with the engine's bulk call (one call). */
    void dispatchBatch(long from, int count) throws Exception;

    /**
     * Waits until the engine's storage says {@code total} jobs are finished (completed, in history or
     * deleted, whatever "done" is for this engine), not only started.
     *
     * @throws BenchTimeoutException if that does not happen within {@code timeout}
     */
    void awaitFinished(long total, Duration timeout) throws Exception;

    /**
     * Runs one job that saves {@code bytes} of state {@code times} times, each save committed before the
     * job goes on, and returns the nanoseconds from the first save to the last.
     *
     * @throws UnsupportedByEngineException if the engine has no way to save state from inside a running job
     */
    default long checkpoints(int times, int bytes) throws Exception {
        throw new UnsupportedByEngineException("API to save a running job's state");
    }

    /**
     * Stops the workers (without waiting for queued jobs) and releases the file.
     *
     * @throws EngineException if the engine fails to shut down
     */
    @Override
    void close();
}
