package dev.stint.internal.exec;

import java.time.Duration;

/**
 * Arithmetic on epoch milliseconds that cannot wrap around: a stored or dispatched time can be far off (a
 * crafted row, a delay of centuries), and a sum that overflowed would turn "never" into "at once".
 */
final class TimeMath {
    private TimeMath() {
    }

    /** {@code a + b}, held at {@link Long#MAX_VALUE} or {@link Long#MIN_VALUE} instead of wrapping around. */
    static long plus(long a, long b) {
        long sum = a + b;
        // overflow only if both have the sign the sum lacks
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    /** {@code a - b}, held at the ends instead of wrapping around. */
    static long minus(long a, long b) {
        return b == Long.MIN_VALUE ? (a >= 0 ? Long.MAX_VALUE : a - b) : plus(a, -b);
    }

    /** A positive duration in whole milliseconds, rounded up (half a millisecond is 1 ms, never 0). */
    static long ceilMillis(Duration d) {
        long millis = d.toMillis();
        return d.minusMillis(millis).isZero() ? millis : millis + 1;
    }
}
