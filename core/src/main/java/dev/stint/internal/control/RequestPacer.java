package dev.stint.internal.control;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The endpoint's pace: at most {@code rate} requests a second on average, with a burst of up to {@code rate}
 * at once after a quiet second. A request over the pace waits for its turn, in order of arrival, sleeping (a
 * parked virtual thread costs nothing); one whose turn is further away than the longest wait is refused after
 * waiting that long, so that refusals cost no more than answers.
 *
 * <p>Why: clients that loop without pause take whatever the endpoint gives them, and on a small machine every
 * answer's parsing, writing and the client's own work come out of the engine's share of the processors. Pacing
 * the answers paces the clients (each waits for its answer before it asks again), so a thousand of them slow
 * each other, never the jobs. A dashboard or console asks a few times a second; the default pace is far above
 * that. (A smooth pace by reservation: each request takes the next free slot, as Guava's {@code RateLimiter}
 * does.)
 */
final class RequestPacer {
    private final long interval;
    private final long burst;
    private final LongSupplier nanoTime;
    /** When the next request may go; trails the clock by at most {@code burst} (the saved-up slots). */
    private final AtomicLong nextFree;

    /** @param rate requests a second, at least 1 */
    RequestPacer(int rate, LongSupplier nanoTime) {
        this.interval = 1_000_000_000L / rate;
        this.burst = interval * rate;
        this.nanoTime = nanoTime;
        this.nextFree = new AtomicLong(nanoTime.getAsLong() - burst);
    }

    /**
     * Takes the next free slot and waits for it.
     *
     * @param maxWaitNanos the longest the request may wait
     * @return false (nothing taken, after waiting {@code maxWaitNanos}) if its slot is further away than that
     * @throws InterruptedException if interrupted while waiting (the server is closing)
     */
    boolean await(long maxWaitNanos) throws InterruptedException {
        long slot;
        while (true) {
            long now = nanoTime.getAsLong();
            long free = nextFree.get();
            slot = Math.max(free, now - burst);
            if (slot - now > maxWaitNanos) {
                // refused, but only after the longest wait: a client that asks again at once (ignoring
                // Retry-After) can refuse itself no faster than one request per wait and connection
                park(maxWaitNanos);
                return false;
            }
            if (nextFree.compareAndSet(free, slot + interval)) {
                break;
            }
        }
        for (long wait = slot - nanoTime.getAsLong(); wait > 0; wait = slot - nanoTime.getAsLong()) {
            park(wait);
        }
        return true;
    }

    private static void park(long nanos) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
