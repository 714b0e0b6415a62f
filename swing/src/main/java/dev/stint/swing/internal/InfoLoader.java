package dev.stint.swing.internal;

import dev.stint.JobInfo;
import dev.stint.Library;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads jobs' stored records off the event dispatch thread when asked (after a job's status changed), one
 * virtual thread at a time; requests for a job already waiting are merged. Not a poller: it reads only what
 * an event asked for.
 */
public final class InfoLoader {
    private static final System.Logger LOG = System.getLogger(InfoLoader.class.getName());

    private final Library library;
    private final LinkedHashMap<String, Consumer<JobInfo>> waiting = new LinkedHashMap<>();
    private boolean draining;
    private boolean closed;

    /** Reads from {@code library}. */
    public InfoLoader(Library library) {
        this.library = library;
    }

    /** Reads job {@code id}'s record soon and hands it to {@code sink} (on the reading thread). */
    public void request(String id, Consumer<JobInfo> sink) {
        synchronized (waiting) {
            if (closed || waiting.putIfAbsent(id, sink) != null || draining) {
                return;
            }
            draining = true;
        }
        Thread.ofVirtual().name("stint-swing-info").start(this::drain);
    }

    /** Drops waiting requests and refuses new ones. */
    public void close() {
        synchronized (waiting) {
            closed = true;
            waiting.clear();
        }
    }

    private void drain() {
        while (true) {
            Map.Entry<String, Consumer<JobInfo>> next;
            synchronized (waiting) {
                Iterator<Map.Entry<String, Consumer<JobInfo>>> it = waiting.entrySet().iterator();
                if (closed || !it.hasNext()) {
                    draining = false;
                    return;
                }
                next = it.next();
                it.remove();
            }
            try {
                library.job(next.getKey()).ifPresent(next.getValue());
            } catch (RuntimeException e) {
                // the library is closing or closed: nothing more to show
                LOG.log(System.Logger.Level.DEBUG, "could not read job " + next.getKey(), e);
            }
        }
    }
}
