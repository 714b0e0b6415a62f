package dev.stint.internal.exec;

import dev.stint.ErrorRecord;
import dev.stint.IllegalJobTransitionException;
import dev.stint.InterruptReason;
import dev.stint.JobCancelledException;
import dev.stint.JobNotFoundException;
import dev.stint.JobNotResumableException;
import dev.stint.JobStatus;
import dev.stint.StopReason;
import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.codec.StoredError;
import dev.stint.internal.log.LogText;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.internal.store.History;
import dev.stint.internal.store.JobReads;
import dev.stint.internal.store.WriteSession;
import java.sql.SQLException;
import java.time.InstantSource;
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

    private final JobsDb db;
    private final InstantSource clock;
    private final StateCodec codec;
    private final RunTable runs;
    private final Claims claims;
    private final StatusAnnouncer announcer;
    private final DueTimer due;
    private final Scheduler scheduler;
    private final OpenState open;

    JobControl(JobsDb db, InstantSource clock, StateCodec codec, RunTable runs, Claims claims,
            StatusAnnouncer announcer, DueTimer due, Scheduler scheduler, OpenState open) {
        this.db = db;
        this.clock = clock;
        this.codec = codec;
        this.runs = runs;
        this.claims = claims;
        this.announcer = announcer;
        this.due = due;
        this.scheduler = scheduler;
        this.open = open;
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
        return db.read(c -> JobReads.activeChildren(c, parentId));
    }

    private static void ignoreFinished(Runnable control) {
        try {
            control.run();
        } catch (IllegalJobTransitionException | JobNotFoundException | JobNotResumableException e) {
            LOG.debug("child control skipped: {}", LogText.escape(e.getMessage()));
        }
    }

    private void pauseOne(String id) {
        open.ensureOpen();
        long now = clock.millis();
        db.write(s -> {
            claims.giveBackIfWaiting(s, id);
            if (ActiveJobs.changeWaitingStatus(s, id, JobStatus.QUEUED,
                    StatusRules.change(id, JobStatus.QUEUED, JobStatus.PAUSED), StopReason.PAUSE, now)) {
                String name = nameOf(s, id);
                s.afterCommit(() -> {
                    claims.rulesChanged(); // it may have reserved a resource or been counted as waiting
                    announcer.changed(id, name, JobStatus.QUEUED, JobStatus.PAUSED, null);
                });
                return null;
            }
            RunningJob rj = runs.get(id);
            if (rj != null) {
                if (!rj.resumable()) {
                    throw new JobNotResumableException(id, rj.name(), "pause a running job");
                }
                rj.setResumeRequested(false);
                rj.requestInterrupt(InterruptReason.PAUSE);
                return null;
            }
            JobStatus status = storedStatus(s, id);
            if (status == JobStatus.PAUSED) {
                return null;
            }
            throw new IllegalJobTransitionException(id, status, JobStatus.PAUSED);
        });
    }

    private void resumeOne(String id) {
        open.ensureOpen();
        long now = clock.millis();
        db.write(s -> {
            if (ActiveJobs.changeWaitingStatus(s, id, JobStatus.PAUSED,
                    StatusRules.change(id, JobStatus.PAUSED, JobStatus.QUEUED), null, now)) {
                String name = nameOf(s, id);
                s.afterCommit(() -> {
                    due.changed();
                    claims.rulesChanged();
                    announcer.changed(id, name, JobStatus.PAUSED, JobStatus.QUEUED, null);
                    scheduler.wake();
                });
                return null;
            }
            RunningJob rj = runs.get(id);
            if (rj != null) {
                rj.setResumeRequested(true);
                return null;
            }
            JobStatus status = storedStatus(s, id);
            if (status == JobStatus.QUEUED) {
                return null;
            }
            throw new IllegalJobTransitionException(id, status, JobStatus.QUEUED);
        });
    }

    private void cancelOne(String id) {
        open.ensureOpen();
        long now = clock.millis();
        ErrorRecord error = ErrorRecord.of("cancelled", "cancelled by the user", now);
        byte[] errorBlob = codec.encode(StoredError.of(error));
        db.write(s -> {
            claims.giveBackIfWaiting(s, id);
            JobStatus before = runs.contains(id) ? JobStatus.RUNNING : storedStatusOrNull(s, id);
            if (before != JobStatus.RUNNING
                    && History.finish(s, id, StatusRules.WAITING, JobStatus.CANCELLED, null, errorBlob, null, null, now)) {
                String name = nameOf(s, id);
                s.afterCommit(() -> {
                    claims.rulesChanged();
                    announcer.changed(id, name, before, JobStatus.CANCELLED, error);
                    runs.settleResult(id, null, new JobCancelledException(id));
                });
                return null;
            }
            RunningJob rj = runs.get(id);
            if (rj != null) {
                rj.requestInterrupt(InterruptReason.CANCEL);
                return null;
            }
            JobStatus status = storedStatus(s, id);
            throw new IllegalJobTransitionException(id, status, JobStatus.CANCELLED);
        });
    }

    private JobStatus storedStatus(dev.stint.internal.store.WriteSession s, String id) throws java.sql.SQLException {
        return JobReads.status(s, id).orElseThrow(() -> new JobNotFoundException(id));
    }

    private JobStatus storedStatusOrNull(dev.stint.internal.store.WriteSession s, String id)
            throws java.sql.SQLException {
        return JobReads.status(s, id).orElse(null);
    }

    private static String nameOf(WriteSession s, String id) throws SQLException {
        return JobReads.name(s, id).orElse("");
    }
}
