package dev.stint.spi;

/**
 * For tests only: after each durable commit a job makes (a checkpoint or a step), decides whether the
 * library should crash right there, as if its process had been killed: no further write, no shutdown
 * work, running jobs abandoned, the owner lock released. Reopening the same folder then shows what a real
 * crash at that instant leaves behind. Installed with {@link TestHooks#withCrashPoint}; the test kit
 * ({@code stint-testkit}) builds on it. Never set one in production code.
 */
@FunctionalInterface
public interface CrashPoint {

    /** What was just committed. */
    enum Kind {
        /** {@code JobContext.checkpoint()}. */
        CHECKPOINT,
        /** A step (also a batch chunk or a spawn of child jobs). */
        STEP
    }

    /**
     * Called on the job's thread right after the commit.
     *
     * @param jobId the job
     * @param jobName its type name
     * @param kind what was committed
     * @param name the step's name (null for a checkpoint)
     * @param count how many checkpoints or steps this run has committed, this one included
     * @return true to crash the library now
     */
    boolean crashAfter(String jobId, String jobName, Kind kind, String name, int count);

    /** Called once the crash is complete (the library is stopped and its lock released). */
    default void crashed() {
    }
}
