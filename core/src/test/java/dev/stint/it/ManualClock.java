package dev.stint.it;

import dev.stint.spi.AdvanceableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The core tests' manual clock: core cannot use the test kit's {@code ManualClock} (the test kit depends on
 * core), so this one implements the same {@link AdvanceableClock} SPI the same way. Advance it instead of
 * sleeping.
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

    /** Moves the clock forward and lets every library using it fire what became due. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward: " + by);
        }
        synchronized (this) {
            now = now.plus(by);
        }
        listeners.forEach(Runnable::run);
    }

    @Override
    public void onAdvance(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
