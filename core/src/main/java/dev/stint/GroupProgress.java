package dev.stint;

/**
 * The progress of a group of jobs ({@link Library#progress(JobQuery)}) at one moment: each job counts by its
 * weight ({@link DispatchOptions#withWeight}, 1 by default) times how far it is (its reported progress; 0
 * before it reports any, or for an indeterminate one); a finished job counts as done, whatever its outcome.
 *
 * @param jobs how many jobs the group has
 * @param finished how many of them have finished (completed, failed or cancelled)
 * @param failed how many of them failed or were cancelled
 * @param doneWeight the weighted amount done
 * @param totalWeight the sum of the jobs' weights
 */
public record GroupProgress(int jobs, int finished, int failed, double doneWeight, double totalWeight) {

    /** How far the group is, from 0 to 1 (1 for an empty group). */
    public double fraction() {
        return totalWeight <= 0 ? 1 : Math.min(1, doneWeight / totalWeight);
    }

    /** Whether every job of the group has finished. */
    public boolean isDone() {
        return finished == jobs;
    }
}
