package dev.stint.testkit;

import dev.stint.spi.AdvanceableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that moves only when told to, for tests: pass it to {@link dev.stint.Library.Builder#clock} (the
 * {@link StintTestKit} does) and {@link #advance(Duration)} time instead of sleeping. Delayed jobs, retry
 * backoffs, timeouts and recurring schedules of libraries using it fire when the clock passes their time.
 */
public final class ManualClock implements AdvanceableClock {
    private volatile Instant now;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** A clock standing at {@code start}. */
    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public Instant instant() {
        return now;
    }

    /**
     * Moves the clock forward and lets every library using it fire what became due.
     *
     * @throws IllegalArgumentException if {@code by} is negative
     */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward: " + by);
        }
        synchronized (this) {
            now = now.plus(by);
        }
        listeners.forEach(Runnable::run);
    }

    /** For the engine's timers (see {@link AdvanceableClock}); tests have no use for it. */
    @Override
    public void onAdvance(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** For the engine's timers (see {@link AdvanceableClock}); tests have no use for it. */
    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
