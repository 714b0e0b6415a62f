package dev.stint.fx.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Applies pending UI updates on the JavaFX application thread, each at most once per pulse.
 *
 * <p>Any thread {@link #submit submits} a task when it has something new for it; the submitter guarantees
 * that a task is not submitted again before it has been applied (a dirty flag). Submitting costs a lock and
 * a list append; the first submission while idle starts an {@link AnimationTimer}, which runs once per
 * pulse, applies the tasks submitted since the previous pulse, and stops itself at the first pulse that
 * finds nothing to do. An idle application therefore has no timer running, and any number of submissions
 * between two pulses costs one application per task.
 */
public final class PulseBatcher {
    private static final System.Logger LOG = System.getLogger(PulseBatcher.class.getName());
    private static final PulseBatcher SHARED = new PulseBatcher();

    /** Something to apply on the FX thread. */
    @FunctionalInterface
    public interface Task {
        /** Applies the pending state; {@code pulseNanos} is the pulse's time ({@link System#nanoTime()} base). */
        void apply(long pulseNanos);
    }

    private final Object lock = new Object();
    private List<Task> pending = new ArrayList<>();
    private boolean scheduled;
    private final AtomicLong pulses = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    /** Created on the FX thread on first use: an AnimationTimer needs the toolkit. */
    private AnimationTimer timer;

    /** The batcher shared by every FxJob of the JVM (one timer for all). */
    public static PulseBatcher shared() {
        return SHARED;
    }

    /**
     * Queues a task for the next pulse. Call it only when the task is not already queued.
     *
     * @throws IllegalStateException if the JavaFX toolkit is not running
     */
    public void submit(Task task) {
        boolean start;
        synchronized (lock) {
            pending.add(task);
            start = !scheduled;
            scheduled = true;
        }
        if (start) {
            Platform.runLater(this::startTimer);
        }
    }

    private void startTimer() {
        if (timer == null) {
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pulse(now);
                }
            };
        }
        timer.start();
    }

    private void pulse(long now) {
        pulses.incrementAndGet();
        List<Task> batch;
        synchronized (lock) {
            batch = pending;
            if (batch.isEmpty()) {
                scheduled = false;
                timer.stop();
                return;
            }
            pending = new ArrayList<>();
        }
        for (Task task : batch) {
            try {
                task.apply(now);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a JavaFX job update failed", e);
            }
            applied.incrementAndGet();
        }
    }

    /** Pulses on which the timer ran (for tests and diagnostics). */
    public long pulses() {
        return pulses.get();
    }

    /** Task applications so far (for tests and diagnostics). */
    public long applied() {
        return applied.get();
    }
}
