package dev.stint.swing.internal;

import java.awt.EventQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.swing.Timer;

/**
 * Applies pending UI updates on the event dispatch thread, each at most once per frame.
 *
 * <p>Any thread {@link #submit submits} a task when it has something new for it; the submitter guarantees
 * that a task is not submitted again before it has been applied (a dirty flag), so each task has at most one
 * application pending. The first submission while idle posts one {@link EventQueue#invokeLater} that applies
 * every task submitted so far and starts a {@link Timer} ticking once per frame ({@value #FRAME_MILLIS} ms);
 * each tick applies the tasks submitted since the previous one, and the first tick that finds nothing stops
 * the timer. So an idle application runs no timer, the first change shows at once, and any number of
 * submissions within a frame costs one application per task: at most about 60 a second, whatever the rate
 * of events.
 */
public final class FrameBatcher {
    /** The frame: the shortest time between two applications of the same task. */
    public static final int FRAME_MILLIS = 16;
    private static final System.Logger LOG = System.getLogger(FrameBatcher.class.getName());
    private static final FrameBatcher SHARED = new FrameBatcher();

    /** Something to apply on the event dispatch thread. */
    @FunctionalInterface
    public interface Task {
        /** Applies the pending state; {@code frameNanos} is the frame's time ({@link System#nanoTime()} base). */
        void apply(long frameNanos);
    }

    private final Object lock = new Object();
    private List<Task> pending = new ArrayList<>();
    private boolean scheduled;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    /** Created and used on the event dispatch thread only. */
    private Timer timer;

    /** The batcher shared by every job of the JVM (one timer for all). */
    public static FrameBatcher shared() {
        return SHARED;
    }

    /** Queues a task for the next frame. Call it only when the task is not already queued. Any thread. */
    public void submit(Task task) {
        boolean start;
        synchronized (lock) {
            pending.add(task);
            start = !scheduled;
            scheduled = true;
        }
        if (start) {
            EventQueue.invokeLater(this::startFrames);
        }
    }

    private void startFrames() {
        if (timer == null) {
            timer = new Timer(FRAME_MILLIS, e -> frame());
            timer.setCoalesce(true);
        }
        frame();
        if (scheduled()) {
            timer.restart();
        }
    }

    private boolean scheduled() {
        synchronized (lock) {
            return scheduled;
        }
    }

    private void frame() {
        frames.incrementAndGet();
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
        long now = System.nanoTime();
        for (Task task : batch) {
            try {
                task.apply(now);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a Swing job update failed", e);
            }
            applied.incrementAndGet();
        }
    }

    /** Frames on which pending tasks were looked for (for tests and diagnostics). */
    public long frames() {
        return frames.get();
    }

    /** Task applications so far (for tests and diagnostics). */
    public long applied() {
        return applied.get();
    }
}
