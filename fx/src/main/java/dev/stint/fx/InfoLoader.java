package dev.stint.fx;

import dev.stint.JobInfo;
import dev.stint.Library;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;

/**
 * Reads jobs' stored records off the FX thread when asked (after a job's status changed), one virtual
 * thread at a time; requests for a job already waiting are merged. Not a poller: it reads only what an
 * event asked for.
 */
final class InfoLoader {
    private static final System.Logger LOG = System.getLogger(InfoLoader.class.getName());

    private final Library library;
    private final LinkedHashSet<FxJob> waiting = new LinkedHashSet<>();
    private boolean draining;
    private boolean closed;

    InfoLoader(Library library) {
        this.library = library;
    }

    void request(FxJob job) {
        synchronized (waiting) {
            if (closed || !waiting.add(job) || draining) {
                return;
            }
            draining = true;
        }
        Thread.ofVirtual().name("stint-fx-info").start(this::drain);
    }

    void close() {
        synchronized (waiting) {
            closed = true;
            waiting.clear();
        }
    }

    private void drain() {
        while (true) {
            FxJob job;
            synchronized (waiting) {
                Iterator<FxJob> it = waiting.iterator();
                if (closed || !it.hasNext()) {
                    draining = false;
                    return;
                }
                job = it.next();
                it.remove();
            }
            try {
                Optional<JobInfo> record = library.job(job.id());
                record.ifPresent(r -> job.offerInfo(r, false));
            } catch (RuntimeException e) {
                // the library is closing or closed: nothing more to show
                LOG.log(System.Logger.Level.DEBUG, "could not read job " + job.id(), e);
            }
        }
    }
}
