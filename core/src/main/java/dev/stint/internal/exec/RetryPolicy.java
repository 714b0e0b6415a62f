package dev.stint.internal.exec;

import java.util.function.DoubleSupplier;

/**
 * How a failed attempt is retried: at most {@code maxAttempts} attempts; before attempt n+1 a delay of
 * {@code firstDelayMillis} doubled per attempt made, capped at {@code capMillis}, then spread by
 * {@value #JITTER} either way so that jobs failing together do not retry together. A critical error is
 * never retried. A job's own settings (from its dispatch options or its type's policy) are stored with it;
 * the cap is the library's.
 *
 * @param maxAttempts attempts in all, at least 1
 * @param firstDelayMillis the delay before the second attempt, before jitter
 * @param capMillis the longest delay, before jitter
 */
record RetryPolicy(int maxAttempts, long firstDelayMillis, long capMillis) {
    /** The first retry's delay when neither the dispatch nor the job type says one. */
    static final long DEFAULT_FIRST_DELAY_MILLIS = 1000;
    /** The jitter: each delay is multiplied by a random factor in [1 - JITTER, 1 + JITTER). */
    static final double JITTER = 0.2;

    RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (firstDelayMillis < 0 || capMillis < 0) {
            throw new IllegalArgumentException("delays must be >= 0, were " + firstDelayMillis + " and " + capMillis);
        }
    }

    /** Whether another attempt follows the failed attempt number {@code attemptsMade} (1 for the first). */
    boolean retries(int attemptsMade, boolean critical) {
        return !critical && attemptsMade < maxAttempts;
    }

    /**
     * The delay before the next attempt after {@code attemptsMade} attempts failed.
     *
     * @param random a uniform value in [0, 1) per call
     */
    long delayMillis(int attemptsMade, DoubleSupplier random) {
        double exponential = firstDelayMillis * Math.pow(2, Math.max(0, attemptsMade - 1));
        double capped = Math.min(exponential, capMillis);
        double jitter = 1 - JITTER + 2 * JITTER * random.getAsDouble();
        return (long) (capped * jitter);
    }
}
