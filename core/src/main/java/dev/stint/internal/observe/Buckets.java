package dev.stint.internal.observe;

import dev.stint.LibraryMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A histogram with fixed upper bounds (inclusive) and one last, unbounded bucket. Recording is a short scan
 * of the bounds and one atomic add, from any thread; nothing is allocated.
 */
final class Buckets {
    private final long[] bounds;
    private final double scale;
    private final AtomicLongArray counts;

    /**
     * @param bounds the upper bounds, increasing, in the unit values are recorded in
     * @param scale what a bound is divided by in the snapshot (1000 to show microseconds as milliseconds)
     */
    Buckets(double scale, long... bounds) {
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("bounds must increase");
            }
        }
        this.bounds = bounds.clone();
        this.scale = scale;
        this.counts = new AtomicLongArray(bounds.length + 1);
    }

    void record(long value) {
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        counts.incrementAndGet(i);
    }

    LibraryMetrics.Histogram snapshot() {
        List<LibraryMetrics.Histogram.Bucket> out = new ArrayList<>(bounds.length + 1);
        for (int i = 0; i < bounds.length; i++) {
            out.add(new LibraryMetrics.Histogram.Bucket(bounds[i] / scale, counts.get(i)));
        }
        out.add(new LibraryMetrics.Histogram.Bucket(Double.POSITIVE_INFINITY, counts.get(bounds.length)));
        return new LibraryMetrics.Histogram(out);
    }
}
