package dev.stint.internal.exec;

import dev.stint.GroupProgress;
import dev.stint.JobEvent;
import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Progress;
import dev.stint.ProgressGroup;
import dev.stint.Subscription;
import dev.stint.internal.log.LogText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link ProgressGroup}: the jobs of a query and how far each is, kept up to date from the library's
 * events (a job dispatched later joins when it matches), delivered to its listeners at most once per
 * interval (a timer delivers the last change of a quiet spell; the group's end is delivered at once).
 */
final class ProgressGroupTracker implements ProgressGroup {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressGroupTracker.class);

    /** One member: its weight, how far it is, and whether it finished (and how). */
    private record Member(double weight, double fraction, boolean finished, boolean failed) {
    }

    /** Arms a one-shot timer {@code delayMillis} from now. */
    interface Delay {
        void after(long delayMillis, Runnable action);
    }

    private final JobQuery query;
    private final Function<String, Optional<JobInfo>> lookup;
    private final Delay delay;
    private final long intervalMillis;
    private final Map<String, Member> members = new HashMap<>();
    private final List<Consumer<GroupProgress>> listeners = new CopyOnWriteArrayList<>();
    private Subscription events;
    private long lastDelivery = Long.MIN_VALUE / 2;
    private boolean flushArmed;
    private boolean closed;

    ProgressGroupTracker(JobQuery query, List<JobInfo> initial, Function<String, Optional<JobInfo>> lookup, Delay delay,
            long intervalMillis) {
        this.query = query;
        this.lookup = lookup;
        this.delay = delay;
        this.intervalMillis = intervalMillis;
        initial.forEach(this::put);
    }

    /** Starts following the library's events (set once, right after construction). */
    void follow(Subscription events) {
        this.events = events;
    }

    @Override
    public synchronized GroupProgress current() {
        int finished = 0;
        int failed = 0;
        double done = 0;
        double total = 0;
        for (Member m : members.values()) {
            total += m.weight();
            done += m.weight() * (m.finished() ? 1 : m.fraction());
            finished += m.finished() ? 1 : 0;
            failed += m.failed() ? 1 : 0;
        }
        return new GroupProgress(members.size(), finished, failed, done, total);
    }

    @Override
    public Subscription subscribe(Consumer<GroupProgress> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized void close() {
        closed = true;
        listeners.clear();
        if (events != null) {
            events.close();
        }
    }

    /** A library event (on the event thread). */
    void onEvent(JobEvent event) {
        boolean changed;
        synchronized (this) {
            if (closed) {
                return;
            }
            changed = apply(event);
        }
        if (changed) {
            deliver(false);
        }
    }

    private boolean apply(JobEvent event) {
        Member m = members.get(event.jobId());
        if (event instanceof JobEvent.ProgressUpdated p) {
            if (m == null || m.finished()) {
                return false;
            }
            members.put(event.jobId(), new Member(m.weight(), fraction(p.progress(), m.fraction()), false, false));
            return true;
        }
        if (!(event instanceof JobEvent.StatusChanged s)) {
            return false;
        }
        if (m == null) {
            if (s.from() != null) {
                return false; // a job the group did not have when it opened, not new either
            }
            // a new job: in the group if it matches
            Optional<JobInfo> info = lookup.apply(s.jobId());
            if (info.isEmpty() || !matches(info.get())) {
                return false;
            }
            put(info.get());
            return true;
        }
        boolean terminal = s.to().isTerminal();
        members.put(event.jobId(), new Member(m.weight(), m.fraction(), terminal,
                terminal && s.to() != JobStatus.COMPLETED));
        return terminal;
    }

    private void put(JobInfo info) {
        boolean terminal = info.status().isTerminal();
        members.put(info.id(), new Member(info.weight(), fraction(info.progress(), 0), terminal,
                terminal && info.status() != JobStatus.COMPLETED));
    }

    private static double fraction(Progress p, double otherwise) {
        return p == null ? otherwise : p.fraction().orElse(otherwise);
    }

    /** Whether a job belongs to the group: the query's tags, name, queue, parent and creation time. */
    private boolean matches(JobInfo info) {
        return info.tags().containsAll(query.tags())
                && (query.name() == null || query.name().equals(info.name()))
                && (query.queue() == null || query.queue().equals(info.queue()))
                && (query.parentId() == null || query.parentId().equals(info.parentId()))
                && (query.createdFrom() == null || !info.createdAt().isBefore(query.createdFrom()))
                && (query.createdTo() == null || info.createdAt().isBefore(query.createdTo()));
    }

    /** Delivers now if the interval allows (or {@code force}, or the group is done), else arms one flush. */
    private void deliver(boolean force) {
        GroupProgress now;
        synchronized (this) {
            if (closed || listeners.isEmpty()) {
                flushArmed = false;
                return;
            }
            now = current();
            long t = System.nanoTime() / 1_000_000;
            if (!force && !now.isDone() && t - lastDelivery < intervalMillis) {
                if (!flushArmed) {
                    flushArmed = true;
                    delay.after(intervalMillis - (t - lastDelivery), () -> deliver(true));
                }
                return;
            }
            flushArmed = false;
            lastDelivery = t;
        }
        for (Consumer<GroupProgress> l : listeners) {
            try {
                l.accept(now);
            } catch (RuntimeException e) {
                LOG.warn("a group progress listener failed: {}", LogText.escape(String.valueOf(e)));
            }
        }
    }
}
