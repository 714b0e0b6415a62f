package dev.stint.internal.progress;

import dev.stint.JobEvent;
import dev.stint.JobListener;
import dev.stint.Subscription;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a library's job events on one event thread, so listeners never run on a worker and see each
 * job's events in order. A listener that throws is logged and skipped.
 */
public final class EventBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final ScheduledThreadPoolExecutor executor;
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, List<JobListener>> jobListeners = new ConcurrentHashMap<>();
    private volatile JobListener internal;

    /** Starts the event thread, named after the library. */
    public EventBus(String label) {
        this.executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon(true).name("stint-events-" + label).factory());
        this.executor.setRemoveOnCancelPolicy(true);
        this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(true);
    }

    /** Adds a listener for every job. */
    public Subscription subscribe(JobListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Adds a listener for one job. */
    public Subscription subscribe(String jobId, JobListener listener) {
        jobListeners.computeIfAbsent(jobId, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> jobListeners.computeIfPresent(jobId, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /**
     * The engine's own listener (the progress roll-up): called before the others, and only while someone
     * listens, since all it does is publish more events.
     */
    public void setInternalListener(JobListener listener) {
        this.internal = listener;
    }

    /** Whether any listener is subscribed: with none, events are not even queued. */
    public boolean hasListeners() {
        return !listeners.isEmpty() || !jobListeners.isEmpty();
    }

    /** Queues an event for delivery (dropped at once when nobody listens). */
    public void publish(JobEvent event) {
        if (hasListeners()) {
            execute(() -> deliver(event));
        }
    }

    /** Runs an action on the event thread (after everything queued before it). */
    public void execute(Runnable action) {
        try {
            executor.execute(action);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("event dropped after close: {}", e.getMessage());
        }
    }

    /** Runs an action on the event thread after a delay. */
    public void schedule(Runnable action, long delayNanos) {
        try {
            executor.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("event dropped after close: {}", e.getMessage());
        }
    }

    /** Delivers an event now; call only on the event thread. */
    public void publishNow(JobEvent event) {
        deliver(event);
    }

    void deliver(JobEvent event) {
        JobListener own = internal;
        if (own != null) {
            call(own, event);
        }
        for (JobListener listener : listeners) {
            call(listener, event);
        }
        List<JobListener> forJob = jobListeners.get(event.jobId());
        if (forJob != null) {
            for (JobListener listener : forJob) {
                call(listener, event);
            }
        }
    }

    private static void call(JobListener listener, JobEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("job listener {} failed on {}", listener, event, e);
        }
    }

    /** Drops everything queued and stops the event thread (a simulated crash). */
    public void abort() {
        executor.shutdownNow();
    }

    /** Delivers what is queued (delayed progress included, at once), then stops the event thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("event listeners did not finish within 5 s; dropping the rest");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
