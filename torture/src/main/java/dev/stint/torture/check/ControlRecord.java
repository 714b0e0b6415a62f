package dev.stint.torture.check;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * What the driver's control commands allow the checker to expect: the ids it asked to cancel (which can
 * legitimately end cancelled), and whether the workload's queue must be paused in {@code jobs.db}.
 *
 * <p>The queue's state is known while no queue command is in flight: after the worker confirmed the last
 * one, or after a check read it from the file. A command sent and not confirmed before a kill may or may
 * not have committed; the next check then accepts either and settles the state from the file.
 */
public final class ControlRecord {
    /** The queue the workload runs in, the one the driver pauses and resumes. */
    public static final String QUEUE = "default";

    private final Set<String> cancelAsked = Collections.synchronizedSet(new HashSet<>());
    private Boolean queuePaused = Boolean.FALSE;
    private int queuePauses;
    private int queueResumes;

    /** Records a cancel before it is sent (so a kill before the answer still counts). */
    public void cancelAsked(String id) {
        cancelAsked.add(id);
    }

    /** Whether a cancel was asked for this id. */
    public boolean wasCancelAsked(String id) {
        return cancelAsked.contains(id);
    }

    /** How many cancels were asked. */
    public int cancels() {
        return cancelAsked.size();
    }

    /** A queue pause or resume is about to be sent: the queue's state is unknown until it is confirmed. */
    public synchronized void queueCommandSent(boolean pause) {
        queuePaused = null;
        if (pause) {
            queuePauses++;
        } else {
            queueResumes++;
        }
    }

    /** The worker confirmed a queue pause ({@code true}) or resume: the file must now say so. */
    public synchronized void queueCommandConfirmed(boolean paused) {
        queuePaused = paused;
    }

    /** Whether the queue must be paused; null while a command is in flight (either state is allowed). */
    public synchronized Boolean expectedQueuePaused() {
        return queuePaused;
    }

    /** A check read the queue's state from the file (the worker is dead): that is the state from now on. */
    public synchronized void queueSettled(boolean paused) {
        queuePaused = paused;
    }

    /** Queue pauses sent. */
    public synchronized int queuePauses() {
        return queuePauses;
    }

    /** Queue resumes sent. */
    public synchronized int queueResumes() {
        return queueResumes;
    }
}
