package dev.stint.internal.conditions;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that the machine slept (suspend to RAM or disk) and woke. While the machine sleeps, the wall clock
 * moves on and the monotonic clock ({@link System#nanoTime()}) does not (Linux's {@code CLOCK_MONOTONIC},
 * macOS's {@code mach_absolute_time}); so at each tick the wall-clock time elapsed since the previous tick is
 * compared with the monotonic time elapsed, and a difference above the tolerance is a wake, reported with
 * that difference as the approximate time slept.
 *
 * <p>It ticks only while {@link #arm() armed}: the engine arms it while something waits on time (a due
 * timer, a timeout, a job held by a device condition) and closes the arming when nothing does, so an idle
 * library runs no timer for it. A tick costs two clock reads.
 *
 * <p>Known limits: a forward change of the system time by more than the tolerance reads as a wake (harmless:
 * a wake only re-arms timers and re-checks conditions early); a backward change is ignored. A platform whose
 * monotonic clock keeps counting through sleep (reported for some Windows versions) shows no difference, and
 * then no wake is detected; the engine's timers still fire late rather than never.
 */
public final class WakeDetector implements AutoCloseable {
    /** How often an armed detector ticks. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** How far the wall clock may run ahead of the monotonic clock between ticks before it counts as a sleep. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(WakeDetector.class);

    private final InstantSource wall;
    private final LongSupplier nanos;
    private final Duration interval;
    private final Duration tolerance;
    private final Consumer<Duration> onWake;
    private final boolean ownTimer;

    // guarded by this
    private int armings;
    private Instant lastWall;
    private long lastNanos;
    private ScheduledExecutorService timer;
    private boolean closed;

    /**
     * A detector on the system clocks with the default interval and tolerance.
     *
     * @param onWake called with the approximate time slept, on the detector's timer thread; it must not
     *     block for long (hand work to the engine's threads)
     */
    public WakeDetector(Consumer<Duration> onWake) {
        this(InstantSource.system(), System::nanoTime, DEFAULT_INTERVAL, DEFAULT_TOLERANCE, onWake, true);
    }

    WakeDetector(InstantSource wall, LongSupplier nanos, Duration interval, Duration tolerance,
            Consumer<Duration> onWake, boolean ownTimer) {
        this.wall = Objects.requireNonNull(wall, "wall");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        if (interval == null || interval.toMillis() < 1) {
            throw new IllegalArgumentException("wake check interval must be >= 1 ms, was " + interval);
        }
        if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("wake tolerance must be positive, was " + tolerance);
        }
        this.interval = interval;
        this.tolerance = tolerance;
        this.onWake = Objects.requireNonNull(onWake, "onWake");
        this.ownTimer = ownTimer;
    }

    /**
     * Starts ticking (if this is the first arming) from now.
     *
     * @return closing it ends this arming; the detector stops when no arming is open (closing twice is
     *     harmless)
     * @throws IllegalStateException if the detector is closed
     */
    public Arming arm() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("wake detector is closed");
            }
            if (armings++ == 0) {
                lastWall = wall.instant();
                lastNanos = nanos.getAsLong();
                if (ownTimer) {
                    timer = Executors.newSingleThreadScheduledExecutor(
                            Thread.ofVirtual().name("stint-wake-detector").factory());
                    timer.scheduleWithFixedDelay(this::timerTick, interval.toMillis(), interval.toMillis(),
                            TimeUnit.MILLISECONDS);
                }
            }
        }
        return new Arming();
    }

    /** One arming of the detector; see {@link WakeDetector#arm()}. */
    public final class Arming implements AutoCloseable {
        private boolean open = true;

        private Arming() {
        }

        /** Ends this arming. */
        @Override
        public void close() {
            synchronized (WakeDetector.this) {
                if (!open) {
                    return;
                }
                open = false;
                if (--armings == 0) {
                    stopTimer();
                }
            }
        }
    }

    /** Whether some arming is open. */
    public synchronized boolean armed() {
        return armings > 0;
    }

    /** Whether the timer thread exists (armed and not ticked by hand). */
    synchronized boolean timerRunning() {
        return timer != null;
    }

    /**
     * Compares the clocks since the previous tick (or the arming) and reports a wake to the listener when the
     * wall clock ran ahead by more than the tolerance. Does nothing while disarmed. The timer calls it; a test
     * may call it directly.
     */
    public void tick() {
        Duration slept;
        synchronized (this) {
            if (armings == 0) {
                return;
            }
            Instant wallNow = wall.instant();
            long nanosNow = nanos.getAsLong();
            Duration wallElapsed = Duration.between(lastWall, wallNow);
            Duration monotonicElapsed = Duration.ofNanos(nanosNow - lastNanos);
            lastWall = wallNow;
            lastNanos = nanosNow;
            Duration ahead = wallElapsed.minus(monotonicElapsed);
            if (ahead.compareTo(tolerance) <= 0) {
                return;
            }
            slept = ahead;
        }
        onWake.accept(slept);
    }

    /** Stops the timer and refuses new armings. */
    @Override
    public synchronized void close() {
        closed = true;
        armings = 0;
        stopTimer();
    }

    private void timerTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("wake listener failed", e);
        }
    }

    private void stopTimer() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
