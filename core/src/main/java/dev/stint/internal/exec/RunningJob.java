package dev.stint.internal.exec;

import dev.stint.InterruptReason;
import dev.stint.internal.progress.ProgressCoalescer;
import dev.stint.internal.store.JobRow;
import dev.stint.spi.JobDescriptor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The in-memory side of one run of one job: why it was asked to stop, who settles its outcome, its worker
 * thread, its timeout and what the stall watchdog saw of it. Registered in the {@link RunTable} while the
 * claim that started it is still in its transaction, so control operations (which also run on the writer
 * thread) always find it. Every field is private; the rooms change it through the methods below.
 */
final class RunningJob {
    private final JobRow row;
    private final JobDescriptor descriptor; // null when the stored name is unknown
    private final ProgressCoalescer progress;
    private final AtomicReference<InterruptReason> reason = new AtomicReference<>();
    private final AtomicBoolean settled = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicBoolean endCounted = new AtomicBoolean();
    private final AtomicBoolean workerReleased = new AtomicBoolean();
    /** Set when a worker starts this run (a run claimed ahead waits for one first). */
    private volatile boolean started;
    /** When a worker took this run, and when it lined up for one (System.nanoTime). */
    private volatile long startNanos;
    private volatile long waitingSinceNanos;
    private volatile boolean resumeRequested;
    private volatile Thread thread;
    /** When this run started (claimed; then again when a worker takes it), by the library's clock. */
    private volatile long startedAtMillis;
    /** Checkpoints committed in this run (read by the stall watchdog). */
    private volatile int checkpointsThisRun;
    private volatile Timers.Timer timeoutTimer;
    // stall watchdog, timer thread only
    private Object stallSeenProgress;
    private int stallSeenCheckpoints;
    private long stallQuietSince;
    private boolean stallReported;

    RunningJob(JobRow row, JobDescriptor descriptor, ProgressCoalescer progress, long startedAtMillis) {
        this.row = row;
        this.descriptor = descriptor;
        this.progress = progress;
        this.startedAtMillis = startedAtMillis;
        this.stallQuietSince = startedAtMillis; // the watchdog counts quiet time from the start of the run
    }

    String queue() {
        return row.queue();
    }

    String id() {
        return row.id();
    }

    String name() {
        return row.name();
    }

    JobRow row() {
        return row;
    }

    /** The registered type of the stored name, or null when the name is unknown. */
    JobDescriptor descriptor() {
        return descriptor;
    }

    ProgressCoalescer progress() {
        return progress;
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
            case SHUTDOWN, CONDITION -> 1;
            case TIMEOUT -> 2;
            case PAUSE -> 3;
            case CANCEL -> 4;
        };
    }

    InterruptReason interruptReason() {
        return reason.get();
    }

    /** A pause asked of this run (false) or a resume asked after it (true): the latter wins over the pause. */
    void setResumeRequested(boolean requested) {
        this.resumeRequested = requested;
    }

    boolean resumeRequested() {
        return resumeRequested;
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

    boolean isDone() {
        return done.getCount() == 0;
    }

    /** Waits up to {@code nanos} for the run to end; keeps the caller's interrupt. */
    void awaitDone(long nanos) {
        try {
            done.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the worker ----------------------------------------------------------------------------------

    /** A worker takes the run (by the library's clock): its run time and its quiet time count from now. */
    void markStarted(long nowMillis) {
        startedAtMillis = nowMillis;
        stallQuietSince = nowMillis;
        started = true;
    }

    boolean isStarted() {
        return started;
    }

    long startedAtMillis() {
        return startedAtMillis;
    }

    /** Milliseconds since the run started, by the library's clock. */
    long runMillis(long nowMillis) {
        return nowMillis - startedAtMillis;
    }

    void attachThread(Thread t) {
        this.thread = t;
    }

    /** Interrupts the run's thread, unless it is the caller's own. */
    void interruptThread() {
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }

    // ---- the gate (System.nanoTime) ----------------------------------------------------------------------

    void gateStarted(long nanos) {
        startNanos = nanos;
    }

    long ranNanos(long nanos) {
        return nanos - startNanos;
    }

    void linedUp(long nanos) {
        waitingSinceNanos = nanos;
    }

    long waitedNanos(long nanos) {
        return nanos - waitingSinceNanos;
    }

    // ---- timeout and stall watchdog ------------------------------------------------------------------

    void countCheckpoint() {
        checkpointsThisRun++;
    }

    int checkpointsThisRun() {
        return checkpointsThisRun;
    }

    void setTimeoutTimer(Timers.Timer timer) {
        this.timeoutTimer = timer;
    }

    void cancelTimeoutTimer() {
        Timers.Timer t = timeoutTimer;
        if (t != null) {
            t.cancel();
        }
    }

    /**
     * The stall watchdog's look at this run (timer thread only): the quiet time if the run has shown no
     * progress and no checkpoint for {@code limitMillis} and was not reported yet, otherwise empty.
     */
    Optional<Duration> newlyStalled(long nowMillis, long limitMillis) {
        Object seen = progress.latest();
        int checkpoints = checkpointsThisRun;
        if (seen != stallSeenProgress || checkpoints != stallSeenCheckpoints) {
            stallSeenProgress = seen;
            stallSeenCheckpoints = checkpoints;
            stallQuietSince = nowMillis;
            stallReported = false;
            return Optional.empty();
        }
        long quiet = nowMillis - stallQuietSince;
        if (!stallReported && quiet >= limitMillis) {
            stallReported = true;
            return Optional.of(Duration.ofMillis(quiet));
        }
        return Optional.empty();
    }
}
