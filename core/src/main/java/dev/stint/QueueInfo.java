package dev.stint;

/**
 * A queue of a library at one instant.
 *
 * @param name the queue's name
 * @param concurrency how many of its jobs may run at once
 * @param paused whether it is paused (persisted)
 * @param running how many of its jobs run now (its busy workers)
 * @param queued how many of its jobs wait (delayed and retrying jobs included)
 */
public record QueueInfo(String name, int concurrency, boolean paused, int running, int queued) {
}
