package dev.stint.internal.control;

import dev.stint.ErrorRecord;
import dev.stint.JobEvent;
import dev.stint.JobListener;
import dev.stint.JobStatus;
import dev.stint.Progress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The endpoint's event history: status and progress events of the library's jobs, numbered from 1, the last
 * {@code capacity} of them kept in a ring for clients that resume with {@code Last-Event-ID}. Fed by a
 * {@link JobListener} on the library's event thread, it only records and hands each event to the open streams'
 * bounded queues: a stream whose queue is full is dropped, never waited for.
 */
final class EventLog implements JobListener {
    /**
     * One event. {@code from} and {@code error} only for status changes, {@code progress} only for progress;
     * {@code data} is its JSON when a stream was open as it came (encoded once for all of them), else null.
     */
    record Entry(long id, String kind, String jobId, String jobName, JobStatus status, JobStatus from,
            Progress progress, ErrorRecord error, long at, String data) {
    }

    /** Where an open stream takes its events. */
    interface Sink {
        /** Queues an event without blocking; false if the queue is full. */
        boolean offer(Entry entry);

        /** Ends the stream: its client was too slow. Must not block. */
        void drop();
    }

    /**
     * What a stream starts with: a {@code reset} when the asked id is no longer kept (or was never given out by
     * this log; it carries the id of the latest event, so a client resumes after it), and the kept events after
     * the asked id.
     */
    record Opening(boolean reset, long resetId, List<Entry> backlog) {
    }

    private final Entry[] ring;
    private final LongSupplier clock;
    private final Function<Entry, String> encoder;
    private final Set<Sink> sinks = new LinkedHashSet<>();
    private long nextId = 1;

    EventLog(int capacity, LongSupplier clock) {
        this(capacity, clock, e -> null);
    }

    /** @param encoder an event's JSON, for the streams open when it comes */
    EventLog(int capacity, LongSupplier clock, Function<Entry, String> encoder) {
        this.ring = new Entry[capacity];
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
        List<Sink> slow = null;
        synchronized (this) {
            Entry entry = new Entry(nextId, kind, jobId, jobName, status, from, progress, error, clock.getAsLong(),
                    null);
            if (!sinks.isEmpty()) {
                entry = new Entry(entry.id(), kind, jobId, jobName, status, from, progress, error, entry.at(),
                        encoder.apply(entry));
            }
            ring[(int) (nextId % ring.length)] = entry;
            nextId++;
            for (Sink sink : sinks) {
                if (!sink.offer(entry)) {
                    if (slow == null) {
                        slow = new ArrayList<>();
                    }
                    slow.add(sink);
                }
            }
            if (slow != null) {
                slow.forEach(sinks::remove);
            }
        }
        if (slow != null) {
            slow.forEach(Sink::drop);
        }
    }

    /**
     * Opens a stream: from now on {@code sink} gets every new event; the answer holds what comes before them.
     *
     * @param lastEventId the last id the client saw, or null for new events only
     */
    synchronized Opening open(Long lastEventId, Sink sink) {
        sinks.add(sink);
        if (lastEventId == null) {
            return new Opening(false, 0, List.of());
        }
        long last = lastEventId;
        long oldestKept = Math.max(1, nextId - ring.length);
        if (last >= nextId || last < oldestKept - 1) {
            return new Opening(true, nextId - 1, List.of());
        }
        List<Entry> backlog = new ArrayList<>((int) (nextId - last - 1));
        for (long id = last + 1; id < nextId; id++) {
            backlog.add(ring[(int) (id % ring.length)]);
        }
        return new Opening(false, 0, backlog);
    }

    /** Stops feeding {@code sink}. */
    synchronized void close(Sink sink) {
        sinks.remove(sink);
    }

    /** Ends every open stream (the server is closing). */
    void dropAll() {
        List<Sink> all;
        synchronized (this) {
            all = new ArrayList<>(sinks);
            sinks.clear();
        }
        all.forEach(Sink::drop);
    }

    /** The id the next event gets. */
    synchronized long nextId() {
        return nextId;
    }
}
