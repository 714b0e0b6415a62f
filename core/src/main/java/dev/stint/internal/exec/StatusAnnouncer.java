package dev.stint.internal.exec;

import dev.stint.ErrorRecord;
import dev.stint.JobEvent;
import dev.stint.JobStatus;
import dev.stint.internal.observe.Metrics;
import dev.stint.internal.progress.EventBus;
import dev.stint.internal.store.NewJob;
import java.util.List;

/**
 * Tells listeners what happened to jobs, in the order it was committed: new jobs queued, runs that change
 * status, and (for the progress roll-up) whose child a job is. Writers call it from their after-commit
 * hooks, which run on the writer thread in commit order. Every new job passes here once, and so does the cancel
 * of every job that was not running: {@link Metrics} counts both here.
 */
final class StatusAnnouncer {
    private final EventBus events;
    private final ProgressRollUp rollUp;
    private final Metrics metrics;

    StatusAnnouncer(EventBus events, ProgressRollUp rollUp, Metrics metrics) {
        this.events = events;
        this.rollUp = rollUp;
        this.metrics = metrics;
    }

    /** Tells the progress roll-up (on the event thread, before the child's later events) whose child a job is. */
    void trackChild(String child, String parent) {
        events.execute(() -> rollUp.childOf(child, parent));
    }

    /**
     * Tells listeners that new jobs are queued ({@code from} is null). Call it from the inserting operation's
     * after-commit hook: that runs on the writer thread before any later claim commits, so a job's "queued"
     * event is always queued for delivery before its "running" one.
     */
    void queued(List<NewJob> rows) {
        metrics.jobsDispatched(rows.size());
        for (NewJob row : rows) {
            if (row.parentId() != null) {
                trackChild(row.id(), row.parentId());
            }
            events.publish(new JobEvent.StatusChanged(row.id(), row.name(), null, JobStatus.QUEUED, null));
        }
    }

    /** A status change of a job that is not running (a control, a replaced unique job). */
    void changed(String id, String name, JobStatus from, JobStatus to, ErrorRecord error) {
        if (to == JobStatus.CANCELLED) {
            metrics.jobCancelled();
        }
        events.publish(new JobEvent.StatusChanged(id, name, from, to, error));
    }

    /**
     * A status change of a run. When the change ends the run, the run's pending progress is flushed first,
     * so its final value arrives before it; a start is announced before any progress of the run.
     */
    void run(RunningJob rj, JobStatus from, JobStatus to, ErrorRecord error) {
        if (!events.hasListeners()) {
            return;
        }
        JobEvent event = new JobEvent.StatusChanged(rj.id(), rj.name(), from, to, error);
        events.execute(() -> {
            if (from == JobStatus.RUNNING) {
                rj.progress().flush();
            }
            events.publishNow(event);
        });
    }

    /** A non-critical error reported by a run. */
    void nonCriticalError(RunningJob rj, ErrorRecord error) {
        events.publish(new JobEvent.NonCriticalErrorReported(rj.id(), rj.name(), error));
    }

    /** A run that showed no progress and no checkpoint for a while. */
    void stalled(RunningJob rj, java.time.Duration quietFor) {
        events.publish(new JobEvent.Stalled(rj.id(), rj.name(), quietFor));
    }
}
