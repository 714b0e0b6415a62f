package dev.stint.internal.exec;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Job ids: time-ordered UUIDs (version 7), so ids sort by dispatch time and never repeat across libraries.
 * Within one millisecond the ids of this process count up from a random start (RFC 9562's monotonic random
 * method): each new id lands at the end of the id indexes, next to the last one, instead of at a random place
 * in them, and only the first id of a millisecond costs a call to the secure random source.
 */
public final class JobIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The 74 bits after the time: 12 of {@code rand_a}, 62 of {@code rand_b}. */
    private static final long RAND_B_MASK = 0x3fffffffffffffffL;
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static long lastMillis = -1;
    private static long randA;
    private static long randB;

    private JobIds() {
    }

    /** A new id for a job created at {@code epochMillis}. */
    public static String next(long epochMillis) {
        long millis;
        long a;
        long b;
        LOCK.lock();
        try {
            if (epochMillis > lastMillis) {
                lastMillis = epochMillis;
                // start low in the millisecond's range, so that counting up never runs out in it
                randA = RANDOM.nextInt(0x800);
                randB = RANDOM.nextLong() & RAND_B_MASK;
            } else if (++randB > RAND_B_MASK) {
                // the clock stood still or went back: keep counting in the last millisecond
                randB = 0;
                if (++randA > 0xfff) {
                    lastMillis++;
                    randA = 0;
                }
            }
            millis = lastMillis;
            a = randA;
            b = randB;
        } finally {
            LOCK.unlock();
        }
        long msb = (millis << 16) | 0x7000L | a;
        long lsb = b | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
