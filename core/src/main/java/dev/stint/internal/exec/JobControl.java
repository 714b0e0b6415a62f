package dev.stint.internal.exec;

import dev.stint.ErrorRecord;
import dev.stint.IllegalJobTransitionException;
import dev.stint.InterruptReason;
import dev.stint.JobEvent;
import dev.stint.JobNotFoundException;
import dev.stint.JobNotResumableException;
import dev.stint.JobStatus;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.internal.store.History;
import dev.stint.internal.store.JobReads;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pause, resume and cancel of single jobs, and their cascade to a parent's active children. Every decision
 * runs inside one writer operation, where claims also run, so a control never races the start of a job:
 * a job the store says is running is always in the running set. A job claimed ahead that still waits for a
 * worker is first handed back to its queue, so pause and cancel treat it as the queued job it still is.
 */
final class JobControl {
    private static final Logger LOG = LoggerFactory.getLogger(JobControl.class);
    private static final List<String> WAITING = List.of("queued", "paused");

    private final Engine engine;

    JobControl(Engine engine) {
        this.engine = engine;
    }

    void pause(String id) {
        pauseOne(id);
        forEachActiveChild(id, this::pauseOne);
    }

    void resume(String id) {
        resumeOne(id);
        forEachActiveChild(id, this::resumeOne);
    }

    void cancel(String id) {
        List<String> children = activeChildren(id);
        cancelOne(id);
        for (String child : children) {
            ignoreFinished(() -> cancel(child));
        }
    }

    /** Applies a control to a job's active children (and theirs); children already finished are skipped. */
    private void forEachActiveChild(String parentId, java.util.function.Consumer<String> control) {
        for (String child : activeChildren(parentId)) {
            ignoreFinished(() -> {
                control.accept(child);
                forEachActiveChild(child, control);
            });
        }
    }

    private List<String> activeChildren(String parentId) {
        return engine.db().read(c -> JobReads.activeChildren(c, parentId));
    }

    private static void ignoreFinished(Runnable control) {
        try {
            control.run();
        } catch (IllegalJobTransitionException | JobNotFoundException | JobNotResumableException e) {
            LOG.debug("child control skipped: {}", e.getMessage());
        }
    }

    private void pauseOne(String id) {
        engine.ensureOpenForControl();
        long now = engine.now();
        engine.await(engine.writer().submitOrRun(s -> {
            engine.giveBackIfWaiting(s, id);
            if (ActiveJobs.changeWaitingStatus(s, id, "queued", "paused", "pause", now)) {
                s.afterCommit(() -> engine.events().publish(statusEvent(id, s, JobStatus.QUEUED, JobStatus.PAUSED)));
                return null;
            }
            RunningJob rj = engine.runningJobs().get(id);
            if (rj != null) {
                if (!rj.resumable()) {
                    throw new JobNotResumableException(id, rj.row.name(), "pause a running job");
                }
                rj.resumeRequested = false;
                rj.requestInterrupt(InterruptReason.PAUSE);
                return null;
            }
            JobStatus status = storedStatus(s, id);
            if (status == JobStatus.PAUSED) {
                return null;
            }
            throw new IllegalJobTransitionException(id, status, JobStatus.PAUSED);
        }));
    }

    private void resumeOne(String id) {
        engine.ensureOpenForControl();
        long now = engine.now();
        engine.await(engine.writer().submitOrRun(s -> {
            if (ActiveJobs.changeWaitingStatus(s, id, "paused", "queued", null, now)) {
                s.afterCommit(() -> {
                    engine.dueChanged();
                    engine.events().publish(statusEvent(id, s, JobStatus.PAUSED, JobStatus.QUEUED));
                    engine.scheduler().wake();
                });
                return null;
            }
            RunningJob rj = engine.runningJobs().get(id);
            if (rj != null) {
                rj.resumeRequested = true;
                return null;
            }
            JobStatus status = storedStatus(s, id);
            if (status == JobStatus.QUEUED) {
                return null;
            }
            throw new IllegalJobTransitionException(id, status, JobStatus.QUEUED);
        }));
    }

    private void cancelOne(String id) {
        engine.ensureOpenForControl();
        long now = engine.now();
        ErrorRecord error = ErrorRecord.of("cancelled", "cancelled by the user", now);
        byte[] errorBlob = engine.codec().encode(dev.stint.internal.codec.StoredError.of(error));
        engine.await(engine.writer().submitOrRun(s -> {
            engine.giveBackIfWaiting(s, id);
            JobStatus before = engine.runningJobs().containsKey(id) ? JobStatus.RUNNING : storedStatusOrNull(s, id);
            if (before != JobStatus.RUNNING
                    && History.finish(s, id, WAITING, "cancelled", null, errorBlob, null, null, now)) {
                String name = nameOf(s, id);
                s.afterCommit(() -> {
                    engine.events().publish(new JobEvent.StatusChanged(id, name, before, JobStatus.CANCELLED, error));
                    engine.completeResult(id, null, new dev.stint.JobCancelledException(id));
                });
                return null;
            }
            RunningJob rj = engine.runningJobs().get(id);
            if (rj != null) {
                rj.requestInterrupt(InterruptReason.CANCEL);
                return null;
            }
            JobStatus status = storedStatus(s, id);
            throw new IllegalJobTransitionException(id, status, JobStatus.CANCELLED);
        }));
    }

    private JobStatus storedStatus(dev.stint.internal.store.WriteSession s, String id) throws java.sql.SQLException {
        return JobReads.status(s, id).map(JobStatus::fromWireName).orElseThrow(() -> new JobNotFoundException(id));
    }

    private JobStatus storedStatusOrNull(dev.stint.internal.store.WriteSession s, String id)
            throws java.sql.SQLException {
        return JobReads.status(s, id).map(JobStatus::fromWireName).orElse(null);
    }

    private String nameOf(dev.stint.internal.store.WriteSession s, String id) throws java.sql.SQLException {
        return JobReads.name(s, id).orElse("");
    }

    private JobEvent statusEvent(String id, dev.stint.internal.store.WriteSession s, JobStatus from, JobStatus to) {
        String name;
        try {
            name = nameOf(s, id);
        } catch (java.sql.SQLException e) {
            name = "";
        }
        return new JobEvent.StatusChanged(id, name, from, to, null);
    }
}
