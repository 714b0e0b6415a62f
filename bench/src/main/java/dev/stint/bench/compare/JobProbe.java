package dev.stint.bench.compare;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What every engine's no-op job calls when it starts: records the start time of job {@code n} and counts
 * the starts. The workloads record each job's dispatch time here too, so dispatch-to-start latency is
 * measured the same way for every engine (both clocks are {@link System#nanoTime()} in this JVM).
 * One round at a time: {@link #reset} before each.
 */
public final class JobProbe {
    private static volatile long[] dispatchedAt = new long[0];
    private static volatile long[] startedAt = new long[0];
    private static final AtomicLong STARTS = new AtomicLong();
    private static final AtomicLong FIRST_START = new AtomicLong();
    private static volatile CountDownLatch gate;

    private JobProbe() {
    }

    /** Forgets the previous round; jobs numbered below {@code capacity} get their times recorded. */
    static void reset(int capacity) {
        dispatchedAt = new long[capacity];
        startedAt = new long[capacity];
        STARTS.set(0);
        FIRST_START.set(0);
        gate = null;
    }

    /** Makes every job started from now on wait in its body until {@link #openGate()} (jobs stay running). */
    static void closeGate() {
        gate = new CountDownLatch(1);
    }

    static void openGate() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    /** Records that jobs {@code from .. from+count-1} are being dispatched now. */
    static void dispatching(long from, int count) {
        long now = System.nanoTime();
        long[] d = dispatchedAt;
        for (long n = from; n < from + count && n < d.length; n++) {
            d[(int) n] = now;
        }
    }

    /** Called by a job's body when it starts: records the time and, if the gate is closed, waits. */
    public static void started(long n) {
        long now = System.nanoTime();
        long[] s = startedAt;
        if (n >= 0 && n < s.length) {
            s[(int) n] = now;
        }
        FIRST_START.compareAndSet(0, now);
        STARTS.incrementAndGet();
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static long starts() {
        return STARTS.get();
    }

    static long firstStartNanos() {
        return FIRST_START.get();
    }

    /** Waits (parking, not spinning) until at least {@code count} jobs have started. */
    static void awaitStarts(long count, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (STARTS.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new BenchTimeoutException(what + ": " + STARTS.get() + " of " + count + " jobs started within "
                        + timeout);
            }
            LockSupport.parkNanos(20_000);
        }
    }

    /** Dispatch-to-start latencies of jobs {@code 0 .. count-1}, in nanoseconds, sorted. */
    static long[] latencies(int count) {
        long[] d = dispatchedAt;
        long[] s = startedAt;
        long[] l = new long[Math.min(count, d.length)];
        for (int i = 0; i < l.length; i++) {
            l[i] = s[i] - d[i];
        }
        Arrays.sort(l);
        return l;
    }

    /** The {@code p}-th percentile (0..100) of sorted values, nearest rank. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
