package dev.stint.internal.exec;

import dev.stint.spi.AdvanceableClock;
import java.time.InstantSource;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs actions at instants of the library's clock, on one timer thread. With the system clock it uses
 * scheduled delays; with an {@link AdvanceableClock} (a test's manual clock) it keeps the actions until the
 * clock is advanced past them, so tests move time instead of sleeping. Used for delayed jobs, retry
 * backoffs, timeouts and the stall watchdog: there is no polling loop.
 */
final class Timers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Timers.class);

    /** A pending action; cancelling is idempotent. */
    interface Timer {
        void cancel();
    }

    private record Manual(long at, long seq, Runnable action, AtomicBoolean cancelled) implements Timer {
        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }

    private final InstantSource clock;
    private final AdvanceableClock manual;
    private final ScheduledThreadPoolExecutor executor;
    private final PriorityQueue<Manual> manualQueue = new PriorityQueue<>((a, b) ->
            a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final AtomicLong seq = new AtomicLong();
    private final Runnable onAdvance = this::fireDueManual;
    /** The pending timers of the system clock, by their number: what a wake re-arms. */
    private final java.util.concurrent.ConcurrentHashMap<Long, Pending> pending = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<Boolean> busyChanged = busy -> { };
    private boolean busy;

    /** A timer due later than this counts as a wait on time, which a sleep of the machine would delay. */
    static final long LONG_WAIT_MILLIS = 5_000;
    private final java.util.concurrent.atomic.AtomicInteger longWaits = new java.util.concurrent.atomic.AtomicInteger();

    /** A timer of the system clock: its instant, its action, its scheduled run. */
    private static final class Pending {
        final long at;
        final Runnable run;
        final boolean longWait;
        volatile ScheduledFuture<?> future;

        Pending(long at, Runnable run, boolean longWait) {
            this.at = at;
            this.run = run;
            this.longWait = longWait;
        }
    }

    Timers(InstantSource clock, String label) {
        this.clock = clock;
        this.manual = clock instanceof AdvanceableClock m ? m : null;
        this.executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon(true).name("stint-timer-" + label).factory());
        this.executor.setRemoveOnCancelPolicy(true);
        if (manual != null) {
            manual.onAdvance(onAdvance);
        }
    }

    /** Runs {@code action} on the timer thread once the clock reaches {@code epochMillis}. */
    Timer at(long epochMillis, Runnable action) {
        Runnable guarded = () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("timer action failed", e);
            }
        };
        if (manual != null) {
            Manual m = new Manual(epochMillis, seq.incrementAndGet(), guarded, new AtomicBoolean());
            synchronized (manualQueue) {
                manualQueue.add(m);
            }
            fireDueManual();
            return m;
        }
        long id = seq.incrementAndGet();
        boolean longWait = TimeMath.minus(epochMillis, clock.millis()) >= LONG_WAIT_MILLIS;
        Pending p = new Pending(epochMillis, () -> {
            if (pending.remove(id) != null) {
                ended(longWait);
                guarded.run();
            }
        }, longWait);
        pending.put(id, p);
        if (longWait && longWaits.incrementAndGet() == 1) {
            updateBusy();
        }
        if (!schedule(p)) {
            if (pending.remove(id) != null) {
                ended(longWait);
            }
            return () -> { };
        }
        return () -> {
            if (pending.remove(id) != null) {
                p.future.cancel(false);
                ended(longWait);
            }
        };
    }

    private boolean schedule(Pending p) {
        long delay = Math.max(0, TimeMath.minus(p.at, clock.millis()));
        try {
            p.future = executor.schedule(p.run, delay, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * After the machine slept: every pending timer is scheduled again from its instant, so that those that fell
     * due during the sleep run now instead of as late as the sleep was long (the scheduled delays count
     * monotonic time, which stood still).
     */
    void rearm() {
        for (Pending p : pending.values()) {
            ScheduledFuture<?> f = p.future;
            if (f != null && f.cancel(false)) {
                schedule(p);
            }
        }
    }

    private void ended(boolean longWait) {
        if (longWait && longWaits.decrementAndGet() == 0) {
            updateBusy();
        }
    }

    /**
     * Told {@code true} when the first timer due in {@value #LONG_WAIT_MILLIS} ms or more is pending, and
     * {@code false} when none is left (system clock only): short timers (a stale check, a progress flush) do not
     * count, so a busy engine does not start and stop the listener's work.
     */
    void onBusyChange(java.util.function.Consumer<Boolean> listener) {
        this.busyChanged = listener;
        updateBusy();
    }

    private void updateBusy() {
        boolean now = longWaits.get() > 0;
        java.util.function.Consumer<Boolean> listener;
        synchronized (pending) {
            if (now == busy) {
                return;
            }
            busy = now;
            listener = busyChanged;
            listener.accept(now);
        }
    }

    /**
     * Runs {@code action} {@code delayMillis} after {@code fromEpochMillis}, an instant that has just passed
     * (a timer that fired). With a manual clock that is the instant {@code from + delay}, however late the
     * firing timer ran; with a real clock it is {@code delayMillis} of elapsed time from now, so that a jump
     * of the wall clock (NTP, the user) can neither shorten nor stretch it.
     */
    Timer after(long fromEpochMillis, long delayMillis, Runnable action) {
        if (manual != null) {
            return at(TimeMath.plus(fromEpochMillis, delayMillis), action);
        }
        return at(TimeMath.plus(clock.millis(), delayMillis), action);
    }

    private void fireDueManual() {
        long now = clock.millis();
        while (true) {
            Manual due;
            synchronized (manualQueue) {
                Manual head = manualQueue.peek();
                if (head == null || head.at > now) {
                    return;
                }
                due = manualQueue.poll();
            }
            if (!due.cancelled.get()) {
                try {
                    executor.execute(due.action);
                } catch (RejectedExecutionException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        if (manual != null) {
            manual.removeListener(onAdvance);
        }
        executor.shutdownNow();
    }
}
