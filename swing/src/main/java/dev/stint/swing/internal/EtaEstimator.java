package dev.stint.swing.internal;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Estimates the time left from the rate of progress over a sliding window (the last 30 s of samples). No
 * estimate before the window spans a second of progress, when progress is unknown, or when it stands
 * still; going backwards (a restarted job) starts over.
 */
public final class EtaEstimator {
    private static final long WINDOW_NANOS = 30_000_000_000L;
    private static final long MIN_SPAN_NANOS = 1_000_000_000L;
    private static final int MAX_SAMPLES = 512;

    private record Sample(long nanos, double fraction) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    private Sample second() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }

    /** Forgets every sample (the job stopped or started again). */
    public void reset() {
        samples.clear();
    }

    /**
     * Adds a sample and returns the estimated time left, or null when there is no estimate.
     *
     * @param nanos the sample's time, {@link System#nanoTime()} base
     * @param fraction the fraction done, 0..1; negative when unknown
     */
    public Duration update(long nanos, double fraction) {
        if (Double.isNaN(fraction) || fraction < 0) {
            reset();
            return null;
        }
        Sample last = samples.peekLast();
        if (last != null && (fraction < last.fraction() || nanos < last.nanos())) {
            reset();
        }
        if (fraction >= 1.0) {
            return Duration.ZERO;
        }
        if (samples.isEmpty() || fraction != samples.peekLast().fraction()) {
            samples.addLast(new Sample(nanos, fraction));
        }
        // drop the oldest sample while the next one alone still covers the window
        while (samples.size() > 2 && (samples.size() > MAX_SAMPLES || nanos - second().nanos() >= WINDOW_NANOS)) {
            samples.pollFirst();
        }
        Sample first = samples.peekFirst();
        long span = nanos - first.nanos();
        double done = fraction - first.fraction();
        if (span < MIN_SPAN_NANOS || done <= 0) {
            return null;
        }
        double nanosLeft = (1.0 - fraction) * span / done;
        return Duration.ofNanos((long) Math.min(nanosLeft, Long.MAX_VALUE / 2.0));
    }
}
