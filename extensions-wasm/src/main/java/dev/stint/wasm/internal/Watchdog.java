package dev.stint.wasm.internal;

import dev.stint.JobContext;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds one run of a module in time. GraalVM's statement limit does not apply to WebAssembly, so a
 * watchdog thread cancels the run's polyglot context ({@code close(true)}) when the wall-time limit passes,
 * or when a pause, cancel or shutdown was asked and the module has not returned within the grace period.
 * One daemon thread serves every run; the cancellation itself happens on a fresh virtual thread so that a
 * slow close never delays another run's watchdog.
 */
final class Watchdog {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    /** How often a run checks whether its job was asked to stop. */
    static final Duration STOP_POLL = Duration.ofMillis(100);

    private static final ScheduledExecutorService TIMER = timer();

    enum Reason { WALL_TIME, STOP_GRACE, ABANDONED }

    private final Context context;
    private final JobContext job;
    private final long graceNanos;
    private final AtomicReference<Object> outcome = new AtomicReference<>(); // null running, Reason or FINISHED
    private final ScheduledFuture<?> deadline;
    private final ScheduledFuture<?> stopPoll;
    private long stopAskedAt = -1;

    private static final Object FINISHED = new Object();

    private Watchdog(Context context, JobContext job, Duration wallTime, Duration grace) {
        this.context = context;
        this.job = job;
        this.graceNanos = grace.toNanos();
        this.deadline = TIMER.schedule(() -> kill(Reason.WALL_TIME), wallTime.toNanos(), TimeUnit.NANOSECONDS);
        this.stopPoll = TIMER.scheduleWithFixedDelay(this::pollStop, STOP_POLL.toNanos(), STOP_POLL.toNanos(),
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

    /** Why the watchdog stopped the run, or null if it did not. */
    Reason reason() {
        return outcome.get() instanceof Reason r ? r : null;
    }

    private void pollStop() {
        if (outcome.get() != null || job.interruptRequested().isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        if (stopAskedAt < 0) {
            stopAskedAt = now;
        } else if (now - stopAskedAt >= graceNanos) {
            kill(Reason.STOP_GRACE);
        }
    }

    private void kill(Reason reason) {
        if (!outcome.compareAndSet(null, reason)) {
            return;
        }
        deadline.cancel(false);
        stopPoll.cancel(false);
        Thread.ofVirtual().name("stint-wasm-cancel-" + job.jobId()).start(() -> {
            try {
                context.close(true);
            } catch (RuntimeException e) {
                LOG.debug("job {}: cancelling its WebAssembly context: {}", job.jobId(), e.toString());
            }
        });
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "stint-wasm-watchdog");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(t);
    }
}
