package dev.stint.sample.cli;

import java.time.Duration;

/**
 * Estimates a job's time left for {@code watch} from the rate of its progress since the watch first saw it
 * move: the fraction still to do over the fraction done per second since then. No estimate before a second of
 * progress, when the fraction is unknown, or while it stands still; a fraction going backwards (the job started
 * over) starts the estimate over. The desktop adapters keep a sliding-window estimator of their own; a console
 * that is started and stopped at will keeps this simpler one.
 */
final class TimeLeft {
    private static final long MIN_SPAN_NANOS = 1_000_000_000L;

    private long fromNanos;
    private double fromFraction = -1;

    /** Forgets the start (the job stopped, or ran again). */
    void reset() {
        fromFraction = -1;
    }

    /**
     * Adds a sample; returns the time left, or null when there is no estimate.
     *
     * @param nanos the sample's time, {@link System#nanoTime()} base
     * @param fraction the fraction done, 0..1; negative or NaN when unknown
     */
    Duration update(long nanos, double fraction) {
        if (Double.isNaN(fraction) || fraction < 0) {
            reset();
            return null;
        }
        if (fraction >= 1.0) {
            return Duration.ZERO;
        }
        if (fromFraction < 0 || fraction < fromFraction || nanos < fromNanos) {
            fromNanos = nanos;
            fromFraction = fraction;
            return null;
        }
        long span = nanos - fromNanos;
        double done = fraction - fromFraction;
        if (span < MIN_SPAN_NANOS || done <= 0) {
            return null;
        }
        return Duration.ofNanos((long) Math.min((1.0 - fraction) * span / done, Long.MAX_VALUE / 2.0));
    }

    /** {@code 4 s left}, {@code 2 min 5 s left}, {@code 1 h 3 min left}, {@code 2 d 1 h left}; empty for null. */
    static String format(Duration left) {
        if (left == null) {
            return "";
        }
        long s = Math.max(0, (left.toMillis() + 999) / 1000);
        String text;
        if (s < 60) {
            text = s + " s";
        } else if (s < 3600) {
            text = s / 60 + " min " + s % 60 + " s";
        } else if (s < 86_400) {
            text = s / 3600 + " h " + s % 3600 / 60 + " min";
        } else {
            text = s / 86_400 + " d " + s % 86_400 / 3600 + " h";
        }
        return text + " left";
    }
}
