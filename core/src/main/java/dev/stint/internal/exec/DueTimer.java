package dev.stint.internal.exec;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one timer that wakes the scheduler when the earliest delayed or retrying job, or the next run of a
 * recurring schedule, becomes due. Whoever may have changed the earliest due time calls {@link #changed()};
 * the scheduler's next pass then recomputes it inside its write and {@link #arm arms} the timer. There is
 * no polling: between due times the timer sleeps.
 */
final class DueTimer {
    private final Timers timers;
    private final Runnable wake;
    /** Set when something may have changed the earliest due time (delayed job, retry, schedule, queue). */
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    /** The earliest next run of any recurring schedule (Long.MIN_VALUE: unknown, check). */
    private volatile long nextScheduleAt = Long.MIN_VALUE;
    private final AtomicLong armedAt = new AtomicLong(Long.MAX_VALUE);
    private volatile Timers.Timer timer;

    /**
     * @param wake wakes the scheduler
     */
    DueTimer(Timers timers, Runnable wake) {
        this.timers = timers;
        this.wake = wake;
    }

    /** Asks the next scheduler pass to recompute the earliest due time and re-arm the timer. */
    void changed() {
        dirty.set(true);
    }

    /** A schedule was added, removed or fired: its next run is unknown until the next pass looks. */
    void schedulesChanged() {
        nextScheduleAt = Long.MIN_VALUE;
        dirty.set(true);
    }

    /** Whether a pass must recompute (and clears the flag; {@link #changed()} again if its write rolls back). */
    boolean takeChanged() {
        return dirty.getAndSet(false);
    }

    /** Whether a recurring schedule may be due at {@code now}. */
    boolean schedulesMayBeDue(long now) {
        return now >= nextScheduleAt;
    }

    /** Whether nothing is owed to the timer at {@code now}: no recompute asked, no schedule due. */
    boolean quiet(long now) {
        return !dirty.get() && now < nextScheduleAt;
    }

    /**
     * Records the earliest due job and schedule found by a pass (null: none) and returns the earlier of the
     * two, or null.
     */
    Long recomputed(Long jobDue, Long scheduleDue) {
        nextScheduleAt = scheduleDue == null ? Long.MAX_VALUE : scheduleDue;
        Long due = jobDue;
        if (scheduleDue != null && (due == null || scheduleDue < due)) {
            due = scheduleDue;
        }
        return due;
    }

    /** Wakes the scheduler at {@code nextDue} (null: never); re-arms only when the instant changed. */
    void arm(Long nextDue) {
        long at = nextDue == null ? Long.MAX_VALUE : nextDue;
        long previous = armedAt.getAndSet(at);
        if (previous == at) {
            return;
        }
        Timers.Timer old = timer;
        if (old != null) {
            old.cancel();
        }
        timer = at == Long.MAX_VALUE ? null : timers.at(at, () -> {
            armedAt.compareAndSet(at, Long.MAX_VALUE);
            dirty.set(true);
            wake.run();
        });
    }
}
