package dev.stint.internal.observe;

import dev.stint.LibraryMetrics;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one open library, from the moment it opened: one {@link LongAdder} per counter, told by the
 * single place where each thing happens, from any thread, without a lock or an allocation. The rooms that count
 * get this room in their constructor and call one method each:
 * <ul>
 * <li>{@link #jobsDispatched}: the status announcer, when the insert of new jobs has committed (every kind of
 *     new job passes there once);</li>
 * <li>{@link #runStarted}: the job runner, as a worker starts a run;</li>
 * <li>{@link #runEnded}: the run outcomes, when a run's ending has been recorded;</li>
 * <li>{@link #jobCancelled}: the status announcer, when the cancel of a job that was not running has committed;</li>
 * <li>{@link #batchCommitted}: the writer's transaction, after each commit;</li>
 * <li>{@link #checkpointCommitted}: a run's context, when a checkpoint has committed.</li>
 * </ul>
 * The gauges (queued and running jobs) are not kept here: {@link #snapshot} takes them from its caller.
 */
public final class Metrics {
    /** Checkpoint latency bounds in microseconds: 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250 ms, then more. */
    private static final long[] CHECKPOINT_MICROS = {100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000,
        100_000, 250_000};
    /** Batch size bounds in writes: powers of two up to the writer's largest batch (512). */
    private static final long[] BATCH_WRITES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

    private final Instant openedAt;
    private final LongAdder dispatched = new LongAdder();
    private final LongAdder started = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder paused = new LongAdder();
    private final LongAdder interrupted = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchWrites = new LongAdder();
    private final LongAccumulator maxBatchWrites = new LongAccumulator(Math::max, 0);
    private final Buckets batchSizes = new Buckets(1, BATCH_WRITES);
    private final Buckets checkpointLatency = new Buckets(1_000, CHECKPOINT_MICROS);

    /** @param openedAt when the library opened: the counters count from here */
    public Metrics(Instant openedAt) {
        this.openedAt = openedAt;
    }

    /** New jobs whose insert committed. */
    public void jobsDispatched(int count) {
        dispatched.add(count);
    }

    /** A worker started a run. */
    public void runStarted() {
        started.increment();
    }

    /** A run's ending was recorded ({@link RunOutcome#WAITING} and {@link RunOutcome#NOT_RECORDED} count nothing). */
    public void runEnded(RunOutcome outcome) {
        switch (outcome) {
            case COMPLETED -> completed.increment();
            case FAILED -> failed.increment();
            case RETRIED -> retried.increment();
            case CANCELLED -> cancelled.increment();
            case PAUSED -> paused.increment();
            case INTERRUPTED -> interrupted.increment();
            case WAITING, NOT_RECORDED -> {
                // no counter: a waiting parent is queued again, an unrecorded run ended nothing
            }
        }
    }

    /** A job that was not running was cancelled (its cancel committed). */
    public void jobCancelled() {
        cancelled.increment();
    }

    /** The writer committed a transaction of {@code writes} operations. */
    public void batchCommitted(int writes) {
        batches.increment();
        batchWrites.add(writes);
        maxBatchWrites.accumulate(writes);
        batchSizes.record(writes);
    }

    /** A checkpoint committed {@code nanos} after its call began. */
    public void checkpointCommitted(long nanos) {
        checkpointLatency.record(TimeUnit.NANOSECONDS.toMicros(nanos));
    }

    /**
     * The counters now, with the gauges read by the caller.
     *
     * @param takenAt now, by the library's clock
     * @param running runs that hold a worker
     * @param queues each queue's gauges, in the order to show
     */
    public LibraryMetrics snapshot(Instant takenAt, int running, Map<String, LibraryMetrics.QueueGauge> queues) {
        return new LibraryMetrics(openedAt, takenAt, dispatched.sum(), started.sum(), completed.sum(), failed.sum(),
                cancelled.sum(), retried.sum(), paused.sum(), interrupted.sum(), running, queues,
                new LibraryMetrics.CommitBatches(batches.sum(), batchWrites.sum(), maxBatchWrites.get(),
                        batchSizes.snapshot()),
                checkpointLatency.snapshot());
    }
}
