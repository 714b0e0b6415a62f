package dev.stint.internal.exec;

import java.security.SecureRandom;
import java.util.UUID;

/** Job ids: time-ordered UUIDs (version 7), so ids sort roughly by dispatch time and never repeat across libraries. */
public final class JobIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private JobIds() {
    }

    /** A new id for a job created at {@code epochMillis}. */
    public static String next(long epochMillis) {
        long rand = RANDOM.nextLong();
        long msb = (epochMillis << 16) | 0x7000L | ((rand >>> 52) & 0x0fffL);
        long lsb = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
