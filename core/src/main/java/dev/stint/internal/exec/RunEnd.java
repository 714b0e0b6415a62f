package dev.stint.internal.exec;

import dev.stint.CriticalJobException;
import dev.stint.ErrorRecord;
import dev.stint.InterruptReason;
import dev.stint.JobInterruptedException;
import dev.stint.StintException;
import dev.stint.StorageException;

/**
 * How one run of a job ended, as {@link RunOutcomes} records it. {@link JobRunner} turns what the job's code
 * returned or threw into one of these ({@link #ofThrown}); nothing else decides an outcome.
 */
sealed interface RunEnd {
    /** The job returned its output. */
    record Completed(Object output) implements RunEnd {
    }

    /** The attempt failed: retried after a backoff if attempts remain and the error is not critical. */
    record Failed(ErrorRecord error, boolean critical) implements RunEnd {
    }

    /** The job stopped at an interruption check after its timeout: a failed attempt, retried like others. */
    record TimedOut() implements RunEnd {
    }

    /** The job stopped at an interruption check: paused, cancelled, or queued again after a shutdown. */
    record Stopped(InterruptReason reason) implements RunEnd {
        public Stopped {
            if (reason == InterruptReason.TIMEOUT) {
                throw new IllegalArgumentException("a timeout ends a run as TimedOut");
            }
        }
    }

    /** A write of the job failed because {@code jobs.db} could not be written: paused, not failed. */
    record StorageFailed(StorageException cause) implements RunEnd {
    }

    /** The job waits for its children: its run ends and it resumes when they are done. */
    record WaitingForChildren() implements RunEnd {
    }

    /** The job could not be rebuilt from its stored row (unknown type, bad state, failed migration). */
    record LoadFailed(StintException error) implements RunEnd {
    }

    /**
     * The end of a run whose job code threw {@code thrown}, while {@code requested} was the interruption asked
     * of it (or null).
     */
    static RunEnd ofThrown(Throwable thrown, InterruptReason requested, long nowMillis) {
        if (thrown instanceof AwaitingChildren) {
            return new WaitingForChildren();
        }
        JobInterruptedException interrupted = inCauses(thrown, JobInterruptedException.class);
        if (interrupted != null) {
            return interrupted.reason() == InterruptReason.TIMEOUT ? new TimedOut() : new Stopped(interrupted.reason());
        }
        StorageException storage = inCauses(thrown, StorageException.class);
        if (requested != InterruptReason.CANCEL && storage != null) {
            return new StorageFailed(storage);
        }
        if (requested == InterruptReason.CANCEL && thrown instanceof InterruptedException) {
            return new Stopped(InterruptReason.CANCEL);
        }
        return new Failed(ErrorRecord.of(thrown, nowMillis), inCauses(thrown, CriticalJobException.class) != null);
    }

    /** The first exception of {@code type} in {@code t}'s cause chain (16 deep at most), or null. */
    static <T extends Throwable> T inCauses(Throwable t, Class<T> type) {
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
