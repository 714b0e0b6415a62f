package dev.stint;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a library as a whole rather than to one job (those are {@link JobEvent}s).
 * Delivered off the worker threads, like job events.
 */
public sealed interface LibraryEvent {

    /**
     * The machine was asleep (suspended or hibernated) and has woken. By the time this arrives the library
     * has re-armed its due timers (delayed jobs, retries, schedules and timeouts that fell due during the
     * sleep run now) and re-checked device conditions. An app may tell the user, or refresh what it shows.
     *
     * <p>Detected by the wall clock moving ahead of the monotonic clock, so {@code slept} is approximate
     * (within a few seconds), and a large forward change of the system time can look like a sleep.
     *
     * @param at when the wake was noticed (wall clock)
     * @param slept about how long the machine slept
     */
    record Woke(Instant at, Duration slept) implements LibraryEvent {
        /** @throws NullPointerException if a part is null */
        public Woke {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(slept, "slept");
        }
    }
}
