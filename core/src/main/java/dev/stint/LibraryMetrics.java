package dev.stint;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a library has done since it opened, and what it holds now: a snapshot taken by {@link Library#metrics()}.
 * Immutable; every call takes a new one. The counters count from this open of the library (they start at zero
 * each time it opens, whatever {@code jobs.db} holds); the gauges are read when the snapshot is taken.
 *
 * <p>Counters of jobs:
 * <ul>
 * <li>{@code dispatched}: new jobs stored, whoever made them (dispatches, retries of finished jobs, child jobs,
 *     recurring schedules, the outbox), each job once, counted when its insert commits;</li>
 * <li>{@code started}: runs a worker started (a resumed run counts again);</li>
 * <li>{@code completed}, {@code failed}: runs that ended so, recorded; {@code failed} counts a job that failed
 *     for good (no attempt left, or a critical error), not an attempt that will be retried;</li>
 * <li>{@code retried}: attempts that failed with a retryable error and were queued again after a backoff;</li>
 * <li>{@code cancelled}: jobs cancelled, running (their run ended cancelled) or not (queued, paused, waiting, or
 *     replaced by a new job with the same unique key);</li>
 * <li>{@code paused}: runs that stopped paused (a user's pause, or a storage failure that paused the job);</li>
 * <li>{@code interrupted}: runs stopped by the library closing, which resume by themselves next time (those that
 *     stopped in time and those abandoned after the shutdown timeout).</li>
 * </ul>
 *
 * @param openedAt when the library opened (by its clock): the counters count from here
 * @param takenAt when this snapshot was taken (by the library's clock)
 * @param dispatched new jobs stored
 * @param started runs started by a worker
 * @param completed runs that completed
 * @param failed runs that failed for good
 * @param cancelled jobs cancelled (running or not)
 * @param retried failed attempts queued again to be retried
 * @param paused runs that stopped paused
 * @param interrupted runs stopped by the library closing
 * @param running runs that hold a worker now, over all queues
 * @param queues each configured queue now (by name, sorted): its queued jobs and its running ones
 * @param commitBatches the transactions of the library's writer since it opened
 * @param checkpointLatency how long {@link JobContext#checkpoint()} calls took, from the call until their commit
 *     (in milliseconds)
 */
public record LibraryMetrics(Instant openedAt, Instant takenAt, long dispatched, long started, long completed,
        long failed, long cancelled, long retried, long paused, long interrupted, int running,
        Map<String, QueueGauge> queues, CommitBatches commitBatches, Histogram checkpointLatency) {

    /** Copies the map of queues, keeping its order. */
    public LibraryMetrics {
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(takenAt, "takenAt");
        queues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(queues));
        Objects.requireNonNull(commitBatches, "commitBatches");
        Objects.requireNonNull(checkpointLatency, "checkpointLatency");
    }

    /** The jobs queued now in all queues. */
    public long queued() {
        long sum = 0;
        for (QueueGauge q : queues.values()) {
            sum += q.queued();
        }
        return sum;
    }

    /**
     * One queue at the moment of the snapshot.
     *
     * @param queued its jobs waiting to run, delayed and retrying jobs and parents waiting for their children
     *     included (as {@link QueueInfo#queued()})
     * @param running its runs that hold a worker
     */
    public record QueueGauge(int queued, int running) {
    }

    /**
     * The transactions ("batches") the library's group-committing writer committed since the library opened.
     * Each holds one or more writes (a dispatch, a checkpoint, a batch of completions, a claim, ...), committed
     * together.
     *
     * @param count batches committed
     * @param writes writes in them, in all
     * @param maxWrites the most writes one batch held
     * @param sizes how many batches held how many writes ({@link Histogram.Bucket#upperBound()} in writes)
     */
    public record CommitBatches(long count, long writes, long maxWrites, Histogram sizes) {
        public CommitBatches {
            Objects.requireNonNull(sizes, "sizes");
        }
    }

    /**
     * Counts of values by fixed buckets. Bucket {@code i} counts the values greater than bucket {@code i-1}'s
     * upper bound and at most its own (counts are per bucket, not cumulative); the last bucket's upper bound is
     * {@link Double#POSITIVE_INFINITY}.
     *
     * @param buckets the buckets, by increasing upper bound
     */
    public record Histogram(List<Bucket> buckets) {
        public Histogram {
            buckets = List.copyOf(buckets);
        }

        /** The values counted, in all buckets. */
        public long count() {
            long sum = 0;
            for (Bucket b : buckets) {
                sum += b.count();
            }
            return sum;
        }

        /**
         * One bucket.
         *
         * @param upperBound the largest value it counts (inclusive); {@link Double#POSITIVE_INFINITY} for the last
         * @param count the values it counted
         */
        public record Bucket(double upperBound, long count) {
        }
    }
}
