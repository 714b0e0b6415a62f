package dev.stint.wasm.internal;

import dev.stint.JobContext;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds one run of a module in time. GraalVM's statement limit does not apply to WebAssembly, so a
 * watchdog cancels the run's polyglot context ({@code close(true)}) when the wall-time limit passes, or when
 * a pause, cancel or shutdown was asked and the module has not returned within the grace period.
 *
 * <p>It must fire on time even while the heap is under pressure, so nothing on its path depends on a
 * virtual thread (whose carriers other work shares) or on an allocation succeeding: one platform timer
 * thread serves every run; the cancellation itself (which waits for the run's thread to unwind) is handed
 * to a pool of platform threads, one of which is started in advance, so that a slow close never delays
 * another run's watchdog; the task that does it is built when the run starts. Should the hand-over fail all
 * the same (an {@link OutOfMemoryError} on a full heap, say), the run's 100 ms poll, which survives any
 * throwable, tries again, and it also stops the run if the one-shot deadline itself could not run.
 */
final class Watchdog {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    /** How often a run checks whether its job was asked to stop. */
    static final Duration STOP_POLL = Duration.ofMillis(100);

    private static final ScheduledExecutorService TIMER = timer();
    private static final ThreadPoolExecutor CANCELLER = canceller();

    enum Reason { WALL_TIME, STOP_GRACE, ABANDONED }

    private final Context context;
    private final JobContext job;
    private final long graceNanos;
    private final long deadlineAt;
    private final AtomicReference<Object> outcome = new AtomicReference<>(); // null running, Reason or FINISHED
    private final Runnable cancel = this::cancel;
    private volatile boolean cancelHandedOver;
    private final ScheduledFuture<?> deadline;
    private final ScheduledFuture<?> stopPoll;
    private long stopAskedAt = -1;

    private static final Object FINISHED = new Object();

    private Watchdog(Context context, JobContext job, Duration wallTime, Duration grace) {
        this.context = context;
        this.job = job;
        this.graceNanos = grace.toNanos();
        this.deadlineAt = System.nanoTime() + wallTime.toNanos();
        this.deadline = TIMER.schedule(() -> kill(Reason.WALL_TIME), wallTime.toNanos(), TimeUnit.NANOSECONDS);
        this.stopPoll = TIMER.scheduleWithFixedDelay(this::poll, STOP_POLL.toNanos(), STOP_POLL.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** Starts watching a run. */
    static Watchdog watch(Context context, JobContext job, Duration wallTime, Duration grace) {
        return new Watchdog(context, job, wallTime, grace);
    }

    /** Stops watching; idempotent. */
    void finish() {
        outcome.compareAndSet(null, FINISHED);
        deadline.cancel(false);
        stopPoll.cancel(false);
    }

    /** Stops the run at once (the engine abandoned it). */
    void stopNow() {
        kill(Reason.ABANDONED);
    }

    /** How long ago the wall-time limit passed (negative while it has not). */
    Duration sinceDeadline() {
        return Duration.ofNanos(System.nanoTime() - deadlineAt);
    }

    /** Why the watchdog stopped the run, or null if it did not. */
    Reason reason() {
        return outcome.get() instanceof Reason r ? r : null;
    }

    /** Every 100 ms while the run lasts; never throws, or the executor would stop calling it. */
    private void poll() {
        try {
            Object o = outcome.get();
            if (o == FINISHED) {
                return;
            }
            if (o != null) {
                handOver(); // killed, but the cancellation could not be handed over yet
                return;
            }
            long now = System.nanoTime();
            if (now - deadlineAt >= 0) {
                kill(Reason.WALL_TIME); // the one-shot deadline did not run (or not yet)
            } else if (job.interruptRequested().isPresent()) {
                if (stopAskedAt < 0) {
                    stopAskedAt = now;
                } else if (now - stopAskedAt >= graceNanos) {
                    kill(Reason.STOP_GRACE);
                }
            }
        } catch (Throwable t) {
            // an OutOfMemoryError on a full heap, most likely: the next poll tries again
        }
    }

    private void kill(Reason reason) {
        if (outcome.compareAndSet(null, reason)) {
            deadline.cancel(false);
            handOver();
        }
    }

    private void handOver() {
        if (cancelHandedOver) {
            return;
        }
        try {
            CANCELLER.execute(cancel);
            cancelHandedOver = true;
        } catch (Throwable t) {
            // rejected or out of memory: poll() tries again in 100 ms
        }
    }

    private void cancel() {
        try {
            context.close(true);
        } catch (RuntimeException e) {
            LOG.debug("job {}: cancelling its WebAssembly context: {}", job.jobId(), e.toString());
        }
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, platform("stint-wasm-watchdog"));
        t.setRemoveOnCancelPolicy(true);
        t.prestartAllCoreThreads();
        return Executors.unconfigurableScheduledExecutorService(t);
    }

    /** Closes cancelled contexts: one thread waits ready, more start only while several closes are slow. */
    private static ThreadPoolExecutor canceller() {
        ThreadPoolExecutor c = new ThreadPoolExecutor(1, 64, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                platform("stint-wasm-cancel"));
        c.prestartAllCoreThreads();
        return c;
    }

    private static ThreadFactory platform(String name) {
        return r -> {
            Thread th = new Thread(r, name);
            th.setDaemon(true);
            th.setPriority(Thread.MAX_PRIORITY);
            return th;
        };
    }
}
