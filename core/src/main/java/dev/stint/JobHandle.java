package dev.stint;

import java.util.concurrent.CompletableFuture;

/**
 * A live reference to one job of an open library. Handles are cheap; several may exist for one job.
 *
 * @param <O> the job's output type
 */
public interface JobHandle<O> {

    /** The job's id, stable across restarts. */
    String id();

    /** The job's type name. */
    String name();

    /** The job's current status. */
    JobStatus status();

    /**
     * The job's output. Completes with the output when the job completes, exceptionally with
     * {@link JobFailedException} or {@link JobCancelledException} when it fails or is cancelled, and with
     * {@link LibraryClosedException} if the library closes first (the job itself is kept and resumes on
     * the next open). Pausing does not complete it.
     */
    CompletableFuture<O> result();

    /** Pauses the job; see {@link Library#pause(String)}. */
    void pause();

    /** Resumes the job; see {@link Library#resume(String)}. */
    void resume();

    /** Cancels the job; see {@link Library#cancel(String)}. */
    void cancel();

    /** Listens to this job's events only. */
    Subscription subscribe(JobListener listener);
}
