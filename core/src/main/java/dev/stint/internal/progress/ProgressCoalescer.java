package dev.stint.internal.progress;

import dev.stint.JobEvent;
import dev.stint.Progress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Turns a job's progress reports, however frequent, into a throttled stream: the latest value wins, at
 * most one event per interval, delivered on the event thread. The report path is a volatile write and,
 * at most once per interval, the scheduling of one delivery, so a job may call it in a tight loop.
 * Snapshots go to the persister at most once per persist interval.
 */
public final class ProgressCoalescer {
    private final String jobId;
    private final String jobName;
    private final EventBus bus;
    private final long intervalNanos;
    private final long persistIntervalNanos;
    private final Consumer<Progress> persister;

    private final AtomicReference<Progress> latest = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastDeliveredAt = Long.MIN_VALUE / 2;

    // event thread only
    private Progress lastDelivered;
    private Progress lastPersisted;
    private long lastPersistedAt = System.nanoTime();
    private long deliveries;

    /** A coalescer for one run of one job. */
    public ProgressCoalescer(String jobId, String jobName, EventBus bus, long intervalNanos, long persistIntervalNanos,
            Consumer<Progress> persister) {
        this.jobId = jobId;
        this.jobName = jobName;
        this.bus = bus;
        this.intervalNanos = intervalNanos;
        this.persistIntervalNanos = persistIntervalNanos;
        this.persister = persister;
    }

    /** Records a report; schedules a delivery if none is pending. Any thread. */
    public void report(Progress progress) {
        latest.set(progress);
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            scheduleDelivery();
        }
    }

    private void scheduleDelivery() {
        long wait = lastDeliveredAt + intervalNanos - System.nanoTime();
        if (wait <= 0) {
            bus.execute(this::deliverWhenDue);
        } else {
            bus.schedule(this::deliverWhenDue, wait);
        }
    }

    /** A scheduled delivery: if a flush delivered meanwhile, wait out the rest of the interval. */
    private void deliverWhenDue() {
        long wait = lastDeliveredAt + intervalNanos - System.nanoTime();
        if (wait > 0) {
            bus.schedule(this::deliverWhenDue, wait);
        } else {
            deliver();
        }
    }

    /** Seeds the latest value without delivering it (a resumed job's stored snapshot). */
    public void seed(Progress progress) {
        latest.compareAndSet(null, progress);
    }

    /** The latest reported value, or null. */
    public Progress latest() {
        return latest.get();
    }

    /** Events delivered so far (for tests and metrics). */
    public long deliveries() {
        return deliveries;
    }

    /**
     * Delivers the latest value now if it was not delivered yet. Call on the event thread, before a
     * status event, so that the final value always arrives.
     */
    public void flush() {
        deliver();
    }

    private void deliver() {
        Progress p = latest.get();
        if (p == null || p == lastDelivered) {
            scheduled.set(false);
            // a report may have landed between the read and the reset while it still saw a pending delivery
            Progress again = latest.get();
            if (again != null && again != lastDelivered && scheduled.compareAndSet(false, true)) {
                scheduleDelivery();
            }
            return;
        }
        // publish the delivery time before allowing the next schedule: a reporter that sees
        // scheduled == false must also see this time, or it would schedule a second delivery at once
        long now = System.nanoTime();
        lastDeliveredAt = now;
        scheduled.set(false);
        p = latest.get();
        lastDelivered = p;
        deliveries++;
        bus.deliver(new JobEvent.ProgressUpdated(jobId, jobName, p));
        if (now - lastPersistedAt >= persistIntervalNanos && p != lastPersisted) {
            lastPersisted = p;
            lastPersistedAt = now;
            persister.accept(p);
        }
    }
}
