package dev.stint.internal.control;

import dev.stint.ErrorRecord;
import dev.stint.JobEvent;
import dev.stint.JobListener;
import dev.stint.JobStatus;
import dev.stint.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The endpoint's event history: status and progress events of the library's jobs, numbered from 1, the last
 * {@code capacity} of them kept in a ring. Open streams read the ring from their own cursor, so taking an event
 * costs the library's event thread the same whether no stream or a hundred are open: one slot written, one
 * signal when a stream waits, and a glance at how far behind each stream is. A stream that falls more than
 * {@code maxBehind} events behind (its client reads too slowly) is dropped, never waited for.
 */
final class EventLog implements JobListener {
    /**
     * One event. {@code from} and {@code error} only for status changes, {@code progress} only for progress;
     * {@code data} is its JSON when a stream was open as it came (encoded once for all of them), else null.
     */
    record Entry(long id, String kind, String jobId, String jobName, JobStatus status, JobStatus from,
            Progress progress, ErrorRecord error, long at, String data) {
        Entry withData(String json) {
            return new Entry(id, kind, jobId, jobName, status, from, progress, error, at, json);
        }
    }

    /** An open stream as the log sees it. */
    interface Reader {
        /** The id of the last event it has taken. */
        long cursor();

        /** Ends the stream: its client was too slow. Must not block. */
        void drop();
    }

    /**
     * Where a stream starts: a {@code reset} when the asked id is no longer kept (or was never given out by this
     * log; it carries the id of the latest event, so a client resumes after it), and the cursor to read after.
     */
    record Opening(boolean reset, long resetId, long cursor) {
    }

    private final Entry[] ring;
    private final LongSupplier clock;
    private final Function<Entry, String> encoder;
    private final int maxBehind;
    private final Set<Reader> readers = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when an event comes (only while a stream waits for one) and on close. */
    private final Condition arrived = lock.newCondition();
    /** Signalled on close only: a stream gathering events for its next write is not woken by each of them. */
    private final Condition closing = lock.newCondition();
    private int waiting;
    private boolean closed;
    private long nextId = 1;

    /**
     * @param maxBehind how many events a stream may lag before it is dropped (at most {@code capacity})
     * @param encoder an event's JSON, for the streams open when it comes
     */
    EventLog(int capacity, int maxBehind, LongSupplier clock, Function<Entry, String> encoder) {
        this.ring = new Entry[capacity];
        this.maxBehind = Math.min(maxBehind, capacity);
        this.clock = clock;
        this.encoder = encoder;
    }

    @Override
    public void onEvent(JobEvent event) {
        switch (event) {
            case JobEvent.StatusChanged s -> append("status", s.jobId(), s.jobName(), s.to(), s.from(), null,
                    s.error());
            case JobEvent.ProgressUpdated p -> append("progress", p.jobId(), p.jobName(), JobStatus.RUNNING, null,
                    p.progress(), null);
            case JobEvent.Stalled s -> { }
            case JobEvent.NonCriticalErrorReported n -> { }
        }
    }

    private void append(String kind, String jobId, String jobName, JobStatus status, JobStatus from,
            Progress progress, ErrorRecord error) {
        long newest;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            Entry entry = new Entry(nextId, kind, jobId, jobName, status, from, progress, error, clock.getAsLong(),
                    null);
            if (!readers.isEmpty()) {
                entry = entry.withData(encoder.apply(entry));
            }
            ring[(int) (nextId % ring.length)] = entry;
            newest = nextId++;
            if (waiting > 0) {
                arrived.signalAll();
            }
        } finally {
            lock.unlock();
        }
        for (Reader r : readers) {
            if (newest - r.cursor() > maxBehind && readers.remove(r)) {
                r.drop();
            }
        }
    }

    /**
     * Opens a stream: from now on {@code reader} may take every event after the returned cursor.
     *
     * @param lastEventId the last id the client saw, or null for new events only
     */
    Opening open(Long lastEventId, Reader reader) {
        lock.lock();
        try {
            readers.add(reader);
            long latest = nextId - 1;
            if (lastEventId == null) {
                return new Opening(false, 0, latest);
            }
            long last = lastEventId;
            long oldestKept = Math.max(1, nextId - ring.length);
            if (last > latest || last < oldestKept - 1) {
                return new Opening(true, latest, latest);
            }
            return new Opening(false, 0, last);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The kept events after {@code cursor}, at most {@code max}, oldest first; empty if there are none yet.
     *
     * @return null if the events after {@code cursor} are no longer kept (the stream fell too far behind), or the
     *     log is closed and the stream has taken every event (what came before the close is still handed out)
     */
    List<Entry> after(long cursor, int max) {
        lock.lock();
        try {
            if (cursor + 1 < Math.max(1, nextId - ring.length) || (closed && cursor >= nextId - 1)) {
                return null;
            }
            int n = (int) Math.min(max, nextId - 1 - cursor);
            List<Entry> out = new ArrayList<>(Math.max(0, n));
            for (long id = cursor + 1; id <= cursor + n; id++) {
                out.add(ring[(int) (id % ring.length)]);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until an event after {@code cursor} has come, the log closes or {@code timeoutMillis} pass.
     *
     * @return whether an event after {@code cursor} is there
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitAfter(long cursor, long timeoutMillis) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (nextId - 1 <= cursor && !closed && nanos > 0) {
                waiting++;
                try {
                    nanos = arrived.awaitNanos(nanos);
                } finally {
                    waiting--;
                }
            }
            return nextId - 1 > cursor;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits {@code millis} unless the log closes first (a stream gathering events for its next write).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void pause(long millis) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (!closed && nanos > 0) {
                nanos = closing.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops following {@code reader}. */
    void close(Reader reader) {
        readers.remove(reader);
    }

    /**
     * Closes the log (the server is closing): no event comes after this, and each open stream writes what it has
     * not yet written, then ends.
     */
    void close() {
        lock.lock();
        try {
            closed = true;
            arrived.signalAll();
            closing.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends every stream still open at once (after {@link #close()}, those that did not end in time). */
    void dropAll() {
        List<Reader> all = new ArrayList<>(readers);
        readers.clear();
        all.forEach(Reader::drop);
    }

    /** The id the next event gets. */
    long nextId() {
        lock.lock();
        try {
            return nextId;
        } finally {
            lock.unlock();
        }
    }
}
