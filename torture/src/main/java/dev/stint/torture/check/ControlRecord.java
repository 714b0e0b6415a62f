package dev.stint.torture.check;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/** The driver's control commands that can legitimately end a job cancelled: the ids it asked to cancel. */
public final class ControlRecord {
    private final Set<String> cancelAsked = Collections.synchronizedSet(new HashSet<>());

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
}
