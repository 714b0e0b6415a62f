package dev.stint.swing.internal;

import dev.stint.JobEvent;
import dev.stint.JobListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds events back until {@link #release()}: subscribe first, load a snapshot, then release, and no event
 * between the two is lost (replayed events only move state forward to where it already is).
 */
public final class BufferedListener implements JobListener {
    private final JobListener target;
    private List<JobEvent> buffer = new ArrayList<>();

    /** Buffers for {@code target}. */
    public BufferedListener(JobListener target) {
        this.target = target;
    }

    @Override
    public synchronized void onEvent(JobEvent event) {
        if (buffer != null) {
            buffer.add(event);
        } else {
            target.onEvent(event);
        }
    }

    /** Replays the buffered events (on the calling thread) and passes later ones straight through. */
    public synchronized void release() {
        List<JobEvent> held = buffer;
        buffer = null;
        if (held != null) {
            held.forEach(target::onEvent);
        }
    }
}
