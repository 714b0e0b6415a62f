package dev.stint.torture.check;

/**
 * The counts of the last check.
 *
 * @param intents dispatches attempted (intent lines)
 * @param acknowledged dispatches that returned before the kill
 * @param topLevelJobs jobs stored by dispatches (a group stores several; a kept unique job stores none)
 * @param children child jobs stored by spawns
 * @param active rows in {@code jobs}
 * @param completed history rows completed
 * @param cancelled history rows cancelled
 * @param failed history rows failed
 */
public record Tally(int intents, int acknowledged, int topLevelJobs, int children, int active, int completed,
        int cancelled, int failed) {

    /** Rows in history. */
    public int history() {
        return completed + cancelled + failed;
    }
}
