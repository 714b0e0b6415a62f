package dev.stint;

import java.util.Map;

/**
 * How many jobs a library holds in each status.
 *
 * @param byStatus counts over all queues
 * @param byQueue counts per queue
 */
public record JobCounts(Map<JobStatus, Integer> byStatus, Map<String, Map<JobStatus, Integer>> byQueue) {

    /** Copies the maps. */
    public JobCounts {
        byStatus = Map.copyOf(byStatus);
        byQueue = Map.copyOf(byQueue);
    }

    /** The count of one status over all queues. */
    public int of(JobStatus status) {
        return byStatus.getOrDefault(status, 0);
    }
}
