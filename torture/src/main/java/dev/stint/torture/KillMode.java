package dev.stint.torture;

/** Where a round's SIGKILL lands. */
public enum KillMode {
    /** At a random delay after the worker reported the library open. */
    RANDOM,
    /** Soon after the worker starts opening the library: during open-time recovery, or just after it. */
    DURING_OPEN,
    /** Right after a checkpoint commits (the worker's crash point blocks the job until the kill). */
    AFTER_CHECKPOINT,
    /** Right after a named step commits. */
    AFTER_STEP,
    /** Right after a spawn of child jobs commits. */
    AFTER_SPAWN,
    /** Right after a batch chunk commits. */
    AFTER_BATCH_CHUNK,
    /** Right after a job moved to history (on its terminal status event). */
    AFTER_HISTORY_MOVE,
    /** While a dispatch is in flight (between the worker's intent line and the dispatch's return). */
    DURING_DISPATCH;

    /** Whether the worker's crash point ({@code dev.stint.spi.CrashPoint}) selects the kill. */
    public boolean usesCrashPoint() {
        return this == AFTER_CHECKPOINT || this == AFTER_STEP || this == AFTER_SPAWN || this == AFTER_BATCH_CHUNK;
    }

    /** Whether the worker announces the instant to kill ({@code KILLME}). */
    public boolean workerAnnounces() {
        return usesCrashPoint() || this == AFTER_HISTORY_MOVE;
    }
}
