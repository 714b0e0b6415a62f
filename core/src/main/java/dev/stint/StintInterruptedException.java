package dev.stint;

/**
 * The calling thread was interrupted while it waited for Stint, typically for a write to {@code jobs.db}
 * to commit ({@link Library#dispatch(Job) dispatch}, a control, a checkpoint). Its cause is the
 * {@link InterruptedException}, and the thread's interrupt flag is set again before this is thrown, so code
 * further up still sees the interrupt.
 *
 * <p>Unchecked, like every Stint exception, because almost every call may wait for a commit; it cannot
 * extend the checked {@code InterruptedException}. Catch it where you would catch that one.
 *
 * <p>The caller stopped waiting, but the operation may still take effect: a write already handed to the
 * writer commits without it. After a {@code dispatch} that threw this, the job may or may not be stored
 * (look it up, or give it a unique key and dispatch again with {@link UniquePolicy#KEEP_EXISTING}).
 */
public final class StintInterruptedException extends StintException {
    private static final long serialVersionUID = 1L;

    /** The caller was interrupted while it waited; {@code cause} is the interruption it caught. */
    public StintInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
