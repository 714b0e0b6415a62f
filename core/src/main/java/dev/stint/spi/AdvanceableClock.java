package dev.stint.spi;

import java.time.InstantSource;

/**
 * A clock that moves only when its owner moves it, and says so: the engine's timers (delayed jobs, retry
 * backoffs, timeouts, the stall watchdog, recurring schedules) then fire when it is advanced past their
 * instant, instead of after real delays. Pass one to {@code Library.Builder.clock}.
 *
 * <p>For test clocks: the test kit's {@code dev.stint.testkit.ManualClock} implements it. An application
 * gives the builder an ordinary {@link InstantSource} (or nothing: the system clock).
 */
public interface AdvanceableClock extends InstantSource {

    /**
     * Registers an action to run after each advance, on the thread that advanced the clock. The engine
     * registers one per open library and removes it when the library closes; the action must be cheap and
     * must not throw.
     */
    void onAdvance(Runnable listener);

    /** Removes an action registered with {@link #onAdvance}; does nothing if it is not registered. */
    void removeListener(Runnable listener);
}
