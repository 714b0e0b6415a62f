package dev.stint.internal.exec;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts queued jobs while their queues have free workers. It sleeps until woken (a dispatch, a resume,
 * a finished job, the timer of the next delayed job): there is no polling loop. It also knows when the
 * library is idle (nothing running, nothing pending), for {@link dev.stint.Library#awaitIdle}.
 */
final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** What the scheduler asks of the engine. */
    interface Starter {
        /**
         * Claims and starts the runnable jobs of every queue with free slots; returns whether any queued job
         * is still pending (runnable now or later without a user's action) and arms the timer for the next
         * due one.
         */
        boolean claimAndStart();
    }

    private volatile Starter starter;
    private final Semaphore wakeups = new Semaphore(0);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idleChanged = lock.newCondition();
    private long wakeEpoch;
    private boolean idle;
    /** Runs started and not yet ended (a run ends after its outcome is committed and its thread is done). */
    private int activeRuns;
    private volatile boolean stopped;
    private Thread thread;

    /** Starts the scheduler's thread (once), which calls {@code starter} after every wake-up. */
    synchronized void start(String label, Starter starter) {
        if (thread == null && !stopped) {
            this.starter = starter;
            thread = Thread.ofVirtual().name("stint-scheduler-" + label).start(this::loop);
            wake();
        }
    }

    boolean isStarted() {
        return thread != null;
    }

    /** Counts a run as started (called while the claim that starts it is in its transaction). */
    void runStarted() {
        lock.lock();
        try {
            activeRuns++;
            idle = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends a run and wakes the scheduler, atomically: an idle check can never see the run gone without also
     * seeing the wake-up it causes.
     */
    void runEnded() {
        lock.lock();
        try {
            activeRuns--;
            wakeEpoch++;
            idle = false;
        } finally {
            lock.unlock();
        }
        wakeups.release();
    }

    /** Asks the scheduler to look for runnable jobs. Cheap; wake-ups coalesce. */
    void wake() {
        lock.lock();
        try {
            wakeEpoch++;
            idle = false;
        } finally {
            lock.unlock();
        }
        wakeups.release();
    }

    private void loop() {
        while (!stopped) {
            try {
                wakeups.acquire();
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            if (stopped) {
                return;
            }
            long epoch;
            lock.lock();
            try {
                epoch = wakeEpoch;
            } finally {
                lock.unlock();
            }
            boolean pending = true;
            try {
                pending = starter.claimAndStart();
            } catch (RuntimeException e) {
                LOG.error("could not start queued jobs", e);
            }
            lock.lock();
            try {
                if (!pending && epoch == wakeEpoch && activeRuns == 0) {
                    idle = true;
                    idleChanged.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits until idle or the timeout passes. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (!idle && !stopped) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = idleChanged.awaitNanos(remaining);
            }
            return idle;
        } finally {
            lock.unlock();
        }
    }

    /** Stops starting jobs. Running jobs are the engine's business. */
    void stop() {
        stopped = true;
        wakeups.release();
        lock.lock();
        try {
            idleChanged.signalAll();
        } finally {
            lock.unlock();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
