package dev.stint.internal.exec;

import dev.stint.CriticalJobException;
import dev.stint.ErrorRecord;
import dev.stint.IncompatibleJobVersionException;
import dev.stint.InterruptReason;
import dev.stint.Job;
import dev.stint.JobCancelledException;
import dev.stint.JobDataTooLargeException;
import dev.stint.JobEvent;
import dev.stint.JobFailedException;
import dev.stint.JobInterruptedException;
import dev.stint.JobStateDecodeException;
import dev.stint.JobStatus;
import dev.stint.JobTimedOutException;
import dev.stint.LibraryClosedException;
import dev.stint.Progress;
import dev.stint.StintException;
import dev.stint.UnknownJobTypeException;
import dev.stint.internal.codec.CodecException;
import dev.stint.internal.codec.ProgressRecord;
import dev.stint.internal.codec.StoredError;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.internal.store.History;
import dev.stint.internal.store.JobRow;
import dev.stint.spi.JobDescriptor;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed job on its own virtual thread: rebuilds the job object from its latest stored state,
 * calls {@link Job#run}, and records the outcome (completed, failed, cancelled, paused, or queued again
 * after a shutdown) in one transaction, then tells listeners.
 */
final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final List<String> RUNNING = List.of("running");

    private final Engine engine;

    JobRunner(Engine engine) {
        this.engine = engine;
    }

    void start(RunningJob rj) {
        Thread t = Thread.ofVirtual().name("stint-job-" + rj.id()).unstarted(() -> run(rj));
        rj.thread = t;
        t.start();
    }

    private void run(RunningJob rj) {
        try {
            execute(rj);
        } catch (Engine.SimulatedCrash e) {
            LOG.debug("job {} stopped by a simulated crash", rj.id());
        } catch (LibraryClosedException e) {
            LOG.debug("job {} could not record its outcome: library closed; it resumes on the next open", rj.id());
        } catch (RuntimeException | Error e) {
            LOG.error("job {} ({}): unexpected engine failure", rj.id(), rj.row().name(), e);
        } finally {
            engine.runEnded(rj);
        }
    }

    private void execute(RunningJob rj) {
        JobRow row = rj.row();
        Job<?> job;
        try {
            job = load(rj);
        } catch (StintException e) {
            LOG.warn("job {} ({}) cannot be loaded and fails: {}", row.id(), row.name(), e.getMessage());
            publish(rj, JobStatus.QUEUED, JobStatus.RUNNING, null);
            failedAttempt(rj, ErrorRecord.of(e, engine.now()), null, true, false);
            return;
        }
        if (row.progress() != null) {
            try {
                rj.progress.seed(engine.codec().decode(row.progress(), ProgressRecord.class).toProgress());
            } catch (CodecException e) {
                LOG.debug("job {}: stored progress unreadable, ignored", row.id());
            }
        }
        List<ErrorRecord> stored;
        try {
            stored = row.errors() == null ? List.of()
                    : StoredError.toRecords(engine.codec().decode(row.errors(), StoredError[].class));
        } catch (CodecException e) {
            stored = List.of();
        }
        boolean resumed = row.runCount() > 1 || row.checkpoint() != null;
        java.util.Map<String, byte[]> steps = row.steps() == 0 ? java.util.Map.of()
                : engine.readSteps(row.id());
        java.util.Map<String, Object> results = java.util.Map.of();
        if (row.results() != null) {
            try {
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> decoded = engine.codec().decode(row.results(), java.util.Map.class);
                results = decoded;
            } catch (CodecException e) {
                LOG.warn("job {}: stored intermediate results unreadable, starting empty", row.id());
            }
        }
        RunContext ctx = new RunContext(engine, rj, job, resumed, stored, steps, results);
        publish(rj, JobStatus.QUEUED, JobStatus.RUNNING, null);

        Object output = null;
        Throwable thrown = null;
        try {
            output = job.run(ctx);
        } catch (Engine.SimulatedCrash crash) {
            throw crash;
        } catch (Throwable t) {
            thrown = t;
        }
        // the job's code is done: its worker may start the next run while this outcome is being recorded
        engine.workerFreed(rj);
        if (thrown != null) {
            Throwable t = thrown;
            JobInterruptedException interrupted = findInterruption(t);
            InterruptReason requested = rj.interruptReason();
            if (t instanceof AwaitingChildren) {
                waitForChildren(rj, job, ctx);
            } else if (interrupted != null && interrupted.reason() == InterruptReason.TIMEOUT) {
                failedAttempt(rj, timedOut(rj, false), ctx, false, false);
            } else if (interrupted != null) {
                stopped(rj, job, ctx, interrupted.reason());
            } else if (requested != InterruptReason.CANCEL && storageFailure(t) != null) {
                pausedByStorage(rj, ctx, storageFailure(t));
            } else if (requested == InterruptReason.CANCEL && t instanceof InterruptedException) {
                stopped(rj, job, ctx, InterruptReason.CANCEL);
            } else {
                if (t instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (t instanceof VirtualMachineError vme && !(t instanceof StackOverflowError)) {
                    LOG.error("job {} ({}) hit {}", row.id(), row.name(), vme.toString());
                }
                failedAttempt(rj, ErrorRecord.of(t, engine.now()), ctx, isCritical(t), false);
            }
            return;
        }
        complete(rj, output, ctx);
    }

    private Job<?> load(RunningJob rj) {
        JobRow row = rj.row();
        JobDescriptor d = rj.descriptor;
        if (d == null) {
            throw new UnknownJobTypeException(row.id(), row.name(), engine.registry().knownNames());
        }
        boolean fromCheckpoint = d.resumable() && row.checkpoint() != null;
        if (d.version() != row.version()) {
            return Migrations.load(engine, row, d, fromCheckpoint);
        }
        byte[] blob = fromCheckpoint ? row.checkpoint() : row.state();
        try {
            return engine.codec().decode(blob, d.jobClass());
        } catch (CodecException e) {
            throw new JobStateDecodeException(row.id(), row.name(), fromCheckpoint ? "checkpoint" : "state", e);
        }
    }

    private static boolean isCritical(Throwable t) {
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof CriticalJobException) {
                return true;
            }
        }
        return false;
    }

    private ErrorRecord timedOut(RunningJob rj, boolean abandoned) {
        java.time.Duration timeout = java.time.Duration.ofMillis(rj.row().timeoutMs() == null ? 0 : rj.row().timeoutMs());
        return ErrorRecord.of(new JobTimedOutException(rj.id(), timeout, abandoned), engine.now());
    }

    /**
     * The timeout's grace period is over and the job still runs: abandon the run (interrupt its thread,
     * ignore whatever it does next) and record a timed-out attempt.
     */
    void abandonTimedOut(RunningJob rj) {
        if (!rj.settle()) {
            return;
        }
        LOG.warn("job {} ({}) ignored its timeout; its run is abandoned", rj.id(), rj.row().name());
        Thread t = rj.thread;
        if (t != null) {
            t.interrupt();
        }
        try {
            failedAttempt(rj, timedOut(rj, true), null, false, true);
        } catch (RuntimeException e) {
            LOG.warn("recording the abandoned run of {} failed", rj.id(), e);
        }
        // its thread may never end: the run is over for the scheduler now, and its worker is handed on
        engine.workerFreed(rj);
        engine.endRun(rj);
    }

    /** The storage failure (read-only file, full disk, lock held too long) in a job's exception chain, if any. */
    private static dev.stint.StorageException storageFailure(Throwable t) {
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof dev.stint.StorageException se) {
                return se;
            }
        }
        return null;
    }

    /**
     * A checkpoint, step or other write of the job failed because the database could not be written: the job
     * did nothing wrong, so it is not failed. It is paused (stop reason {@code storage}) and keeps its latest
     * committed checkpoint; the user or app resumes it once the disk has room again. If even the pause cannot
     * be recorded, its row stays {@code running} and the next open resumes it from that checkpoint.
     */
    private void pausedByStorage(RunningJob rj, RunContext ctx, dev.stint.StorageException cause) {
        if (!rj.settle()) {
            return;
        }
        long now = engine.now();
        byte[] progress = progressBlob(rj);
        byte[] errors = ctx.encodedErrors();
        long runMs = now - rj.startedAtMillis;
        LOG.warn("job {} ({}) paused: {}; it resumes from its latest checkpoint", rj.id(), rj.row().name(),
                cause.getMessage());
        try {
            boolean done = engine.await(engine.writer().submitOrRun(s -> leaves(s, rj, ActiveJobs.stopRunning(s, rj.id(),
                    "paused", "storage", null, progress, errors, runMs, now))));
            if (done) {
                publish(rj, JobStatus.RUNNING, JobStatus.PAUSED, ErrorRecord.of(cause, now));
            }
        } catch (dev.stint.StorageException e) {
            LOG.warn("job {}: its pause could not be recorded either ({}); it resumes on the next open", rj.id(),
                    e.getMessage());
            engine.runningJobs().remove(rj.id(), rj);
        }
    }

    private static JobInterruptedException findInterruption(Throwable t) {
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof JobInterruptedException ji) {
                return ji;
            }
        }
        return null;
    }

    private void complete(RunningJob rj, Object output, RunContext ctx) {
        if (!rj.settle()) {
            return;
        }
        byte[] out;
        try {
            out = output == null ? null
                    : engine.codec().encode(output, JobDataTooLargeException.Kind.OUTPUT, rj.id(), rj.row().name());
        } catch (JobDataTooLargeException e) {
            failedAttempt(rj, ErrorRecord.of(e, engine.now()), ctx, true, true);
            return;
        } catch (CodecException e) {
            failedAttempt(rj, ErrorRecord.of(e, engine.now()), ctx, true, true);
            return;
        }
        long now = engine.now();
        byte[] progress = progressBlob(rj);
        byte[] errors = ctx.encodedErrors();
        long runMs = now - rj.startedAtMillis;
        boolean done = engine.await(engine.completions().submit(
                new History.Completed(rj.id(), out, progress, errors, runMs, now), rj,
                () -> publish(rj, JobStatus.RUNNING, JobStatus.COMPLETED, null)));
        if (done) {
            engine.completeResult(rj.id(), output, null);
        }
    }

    /**
     * Records a failed attempt: another attempt after an exponential backoff if the error is not critical
     * and attempts remain, otherwise the job fails and moves to history. Every attempt's error is kept.
     */
    private void failedAttempt(RunningJob rj, ErrorRecord error, RunContext ctx, boolean critical,
            boolean alreadySettled) {
        if (!alreadySettled && !rj.settle()) {
            return;
        }
        JobRow row = rj.row();
        long now = engine.now();
        long runMs = now - rj.startedAtMillis;
        List<ErrorRecord> attempts = new java.util.ArrayList<>(JobInfos.errors(engine.codec(), row.attemptErrors()));
        attempts.add(error);
        byte[] attemptErrors = engine.codec().encode(StoredError.ofAll(attempts));
        byte[] progress = progressBlob(rj);
        byte[] errors = ctx == null ? null : ctx.encodedErrors();
        int attemptsMade = row.attempts() + 1;
        if (!critical && attemptsMade < row.maxAttempts()) {
            long delay = engine.backoff(row.backoffMs(), attemptsMade);
            long runAt = now + delay;
            LOG.info("job {} ({}) attempt {}/{} failed: {}; retrying in {} ms", rj.id(), row.name(), attemptsMade,
                    row.maxAttempts(), error.summary(), delay);
            boolean done = engine.await(engine.writer().submitOrRun(s -> announced(s, rj, JobStatus.QUEUED, error, leaves(s, rj,
                    ActiveJobs.retry(s, rj.id(), runAt, attemptErrors, progress, errors, runMs, now)))));
            if (done) {
                engine.dueChanged();
            }
            return;
        }
        LOG.info("job {} ({}) failed: {}", rj.id(), row.name(), error.summary());
        byte[] errorBlob = engine.codec().encode(StoredError.of(error));
        boolean done = engine.await(engine.writer().submitOrRun(s -> announced(s, rj, JobStatus.FAILED, error, leaves(s, rj,
                History.finish(s, rj.id(), RUNNING, "failed", null, errorBlob, progress, errors, attemptErrors, runMs,
                        now)))));
        if (done) {
            engine.completeResult(rj.id(), null, new JobFailedException(rj.id(), error));
        }
    }

    private void stopped(RunningJob rj, Job<?> job, RunContext ctx, InterruptReason reason) {
        if (!rj.settle()) {
            return;
        }
        long now = engine.now();
        byte[] progress = progressBlob(rj);
        byte[] errors = ctx.encodedErrors();
        switch (reason) {
            case CANCEL -> {
                ErrorRecord error = ErrorRecord.of("cancelled", "cancelled by the user", now);
                byte[] errorBlob = engine.codec().encode(StoredError.of(error));
                long runMs = now - rj.startedAtMillis;
                boolean done = engine.await(engine.writer().submitOrRun(s -> announced(s, rj, JobStatus.CANCELLED, error,
                        leaves(s, rj, History.finish(s, rj.id(), RUNNING, "cancelled", null, errorBlob, progress, errors,
                                null, runMs, now)))));
                if (done) {
                    engine.completeResult(rj.id(), null, new JobCancelledException(rj.id()));
                }
            }
            case TIMEOUT -> throw new IllegalStateException("timeouts are recorded as failed attempts");
            case PAUSE, SHUTDOWN -> {
                byte[] state = null;
                if (rj.resumable()) {
                    try {
                        state = engine.codec().encode(job);
                    } catch (CodecException e) {
                        LOG.warn("job {}: state could not be saved on {}; it resumes from its latest checkpoint",
                                rj.id(), reason, e);
                    }
                }
                boolean pause = reason == InterruptReason.PAUSE && !rj.resumeRequested;
                JobStatus to = pause ? JobStatus.PAUSED : JobStatus.QUEUED;
                String stopReason = reason == InterruptReason.PAUSE ? "pause" : "shutdown";
                byte[] saved = state;
                long runMs = now - rj.startedAtMillis;
                engine.await(engine.writer().submitOrRun(s -> announced(s, rj, to, null, leaves(s, rj, ActiveJobs.stopRunning(s,
                        rj.id(), to.wireName(), stopReason, saved, progress, errors, runMs, now)))));
            }
        }
    }

    /**
     * When a transition that ends the run commits, the job leaves the running set in the same moment (on
     * the writer thread, before any waiter is told), so a status query never sees it running afterwards.
     */
    private boolean leaves(dev.stint.internal.store.WriteSession s, RunningJob rj, boolean changed) {
        if (changed) {
            s.afterCommit(() -> engine.runningJobs().remove(rj.id(), rj));
        }
        return changed;
    }

    /**
     * When a transition that ends the run commits, its status event is queued from the writer thread's
     * after-commit hook: in commit order with the events of controls (pause, resume, cancel) that commit
     * after it, so a listener's last event is always the stored status.
     */
    private boolean announced(dev.stint.internal.store.WriteSession s, RunningJob rj, JobStatus to, ErrorRecord error,
            boolean changed) {
        if (changed) {
            s.afterCommit(() -> publish(rj, JobStatus.RUNNING, to, error));
        }
        return changed;
    }

    /** The parent's run ends while its children work: state stored, queued with stop reason "waiting". */
    private void waitForChildren(RunningJob rj, Job<?> job, RunContext ctx) {
        if (!rj.settle()) {
            return;
        }
        long now = engine.now();
        byte[] state = engine.codec().encode(job);
        byte[] progress = progressBlob(rj);
        byte[] errors = ctx.encodedErrors();
        long runMs = now - rj.startedAtMillis;
        engine.await(engine.writer().submitOrRun(s -> announced(s, rj, JobStatus.QUEUED, null, leaves(s, rj,
                ActiveJobs.stopRunning(s, rj.id(), "queued", "waiting", state, progress, errors, runMs, now)))));
    }

    private byte[] progressBlob(RunningJob rj) {
        Progress p = rj.progress.latest();
        return p == null ? null : engine.codec().encode(ProgressRecord.of(p));
    }

    /**
     * Publishes a status change. When the change ends a run, the job's pending progress is flushed first,
     * so the final value arrives before it; a start is announced before any progress of the run.
     */
    private void publish(RunningJob rj, JobStatus from, JobStatus to, ErrorRecord error) {
        if (!engine.events().hasListeners()) {
            return;
        }
        JobEvent event = new JobEvent.StatusChanged(rj.id(), rj.row().name(), from, to, error);
        engine.events().execute(() -> {
            if (from == JobStatus.RUNNING) {
                // the run's final progress arrives before the status that ends it; a start is announced first
                rj.progress.flush();
            }
            engine.events().publishNow(event);
        });
    }
}
