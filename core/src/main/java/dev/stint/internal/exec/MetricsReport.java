package dev.stint.internal.exec;

import dev.stint.LibraryMetrics;
import dev.stint.internal.observe.Metrics;
import dev.stint.internal.store.JobReads;
import java.time.InstantSource;
import java.util.Map;
import java.util.TreeMap;

/**
 * Nothing of its own: takes {@link dev.stint.Library#metrics()}, the {@link Metrics} counters with the gauges
 * read now: the runs that hold a worker (from the {@link RunTable}) and each queue's queued jobs (one grouped
 * query of {@code jobs.db}).
 */
final class MetricsReport {
    private final Metrics metrics;
    private final JobsDb db;
    private final Queues queues;
    private final RunTable runs;
    private final InstantSource clock;

    MetricsReport(Metrics metrics, JobsDb db, Queues queues, RunTable runs, InstantSource clock) {
        this.metrics = metrics;
        this.db = db;
        this.queues = queues;
        this.runs = runs;
        this.clock = clock;
    }

    LibraryMetrics snapshot() {
        // a run claimed ahead that waits for a worker holds none (as in queues())
        Map<String, Integer> running = runs.claimedByQueue(true);
        Map<String, Integer> queued = db.read(JobReads::queuedByQueue);
        Map<String, LibraryMetrics.QueueGauge> gauges = new TreeMap<>();
        for (String queue : queues.sorted().keySet()) {
            gauges.put(queue, new LibraryMetrics.QueueGauge(queued.getOrDefault(queue, 0),
                    running.getOrDefault(queue, 0)));
        }
        // jobs of a queue not configured (found in jobs.db, or dispatched to it by name) still count
        queued.forEach((queue, count) -> gauges.putIfAbsent(queue,
                new LibraryMetrics.QueueGauge(count, running.getOrDefault(queue, 0))));
        int runningNow = 0;
        for (int n : running.values()) {
            runningNow += n;
        }
        return metrics.snapshot(clock.instant(), runningNow, gauges);
    }
}
