package dev.stint.internal.exec;

import dev.stint.InterruptReason;
import dev.stint.internal.progress.ProgressCoalescer;
import dev.stint.internal.store.JobRow;
import dev.stint.spi.JobDescriptor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The in-memory side of one run of one job: why it was asked to stop, who settles its outcome, and the
 * worker thread. Registered while the claim that started it is still in its transaction, so control
 * operations (which also run on the writer thread) always find it.
 */
final class RunningJob {
    final JobRow row;
    final JobDescriptor descriptor; // null when the stored name is unknown
    final ProgressCoalescer progress;
    private final AtomicReference<InterruptReason> reason = new AtomicReference<>();
    private final AtomicBoolean settled = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicBoolean endCounted = new AtomicBoolean();
    private final AtomicBoolean workerReleased = new AtomicBoolean();
    /** Set when a worker starts this run (a run claimed ahead waits for one first). */
    volatile boolean started;
    /** When a worker took this run, and when it lined up for one (System.nanoTime). */
    volatile long startNanos;
    volatile long waitingSinceNanos;
    volatile boolean resumeRequested;
    volatile Thread thread;
    /** When this run started (claimed; then again when a worker takes it), by the library's clock. */
    volatile long startedAtMillis;
    /** Checkpoints committed in this run (read by the stall watchdog). */
    volatile int checkpointsThisRun;
    /** Whether the run's timeout expired (its outcome is then a timed-out attempt). */
    volatile boolean timedOut;
    volatile Timers.Timer timeoutTimer;
    // stall watchdog, timer thread only
    Object stallSeenProgress;
    int stallSeenCheckpoints = -1;
    long stallQuietSince;
    boolean stallReported;

    RunningJob(JobRow row, JobDescriptor descriptor, ProgressCoalescer progress, long startedAtMillis) {
        this.row = row;
        this.descriptor = descriptor;
        this.progress = progress;
        this.startedAtMillis = startedAtMillis;
    }

    String queue() {
        return row.queue();
    }

    String id() {
        return row.id();
    }

    JobRow row() {
        return row;
    }

    boolean resumable() {
        return descriptor == null || descriptor.resumable();
    }

    /**
     * Asks the job to stop. Reasons are sticky and only ever get stronger: cancel beats pause, pause beats
     * a timeout, a timeout beats shutdown (a user's pause must survive the app closing).
     */
    void requestInterrupt(InterruptReason wanted) {
        reason.getAndUpdate(current -> current == null || rank(wanted) > rank(current) ? wanted : current);
    }

    private static int rank(InterruptReason r) {
        return switch (r) {
            case SHUTDOWN -> 1;
            case TIMEOUT -> 2;
            case PAUSE -> 3;
            case CANCEL -> 4;
        };
    }

    InterruptReason interruptReason() {
        return reason.get();
    }

    /** Claims the right to record this run's outcome; only the first caller (worker or closer) gets it. */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    boolean isSettled() {
        return settled.get();
    }

    /** True the first time only: the scheduler counts each run's end once. */
    boolean endCounted() {
        return endCounted.compareAndSet(false, true);
    }

    /** True the first time only: the run's worker is handed on once. */
    boolean releaseWorker() {
        return workerReleased.compareAndSet(false, true);
    }

    void markDone() {
        done.countDown();
    }

    CountDownLatch doneLatch() {
        return done;
    }
}
