package dev.stint.internal.exec;

import dev.stint.ErrorRecord;
import dev.stint.InterruptReason;
import dev.stint.Job;
import dev.stint.JobCancelledException;
import dev.stint.JobDataTooLargeException;
import dev.stint.JobFailedException;
import dev.stint.JobStatus;
import dev.stint.JobTimedOutException;
import dev.stint.Progress;
import dev.stint.StopReason;
import dev.stint.StorageException;
import dev.stint.internal.codec.CodecException;
import dev.stint.internal.codec.ErrorBudget;
import dev.stint.internal.codec.ProgressRecord;
import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.codec.StoredError;
import dev.stint.internal.log.LogText;
import dev.stint.internal.observe.Metrics;
import dev.stint.internal.observe.RunOutcome;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.internal.store.History;
import dev.stint.internal.store.JobRow;
import dev.stint.internal.store.WriteSession;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how a run ended ({@link RunEnd}) in one transaction: completed (to history through the
 * {@link CompletionBatcher}), failed or retried after a backoff ({@link RetryPolicy}), cancelled, paused,
 * queued again after a shutdown or while it waits for its children, or paused by a storage failure. Only
 * the first to {@link RunningJob#settle settle} a run records it; the write removes the run from the
 * {@link RunTable} and queues its status event as it commits, and the job's result future is then settled.
 * Each recorded ending is counted here, once ({@link Metrics#runEnded}).
 */
final class RunOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(RunOutcomes.class);

    private final JobsDb db;
    private final CompletionBatcher completions;
    private final StateCodec codec;
    private final InstantSource clock;
    private final RunTable runs;
    private final StatusAnnouncer announcer;
    private final DueTimer due;
    private final Claims claims;
    private final long maxBackoffMillis;
    private final Metrics metrics;

    RunOutcomes(JobsDb db, CompletionBatcher completions, StateCodec codec, InstantSource clock, RunTable runs,
            StatusAnnouncer announcer, DueTimer due, Claims claims, Duration maxBackoff, Metrics metrics) {
        this.db = db;
        this.completions = completions;
        this.codec = codec;
        this.clock = clock;
        this.runs = runs;
        this.announcer = announcer;
        this.due = due;
        this.claims = claims;
        this.maxBackoffMillis = maxBackoff.toMillis();
        this.metrics = metrics;
    }

    /**
     * Records the end of a run.
     *
     * @param job the job object as the run left it (null if it could not be loaded)
     * @param ctx the run's context (null if the job could not be loaded)
     * @return what was recorded ({@link RunOutcome#NOT_RECORDED} if someone else had settled the run or it was no
     *     longer running)
     */
    RunOutcome record(RunningJob rj, Job<?> job, RunContext ctx, RunEnd end) {
        RunOutcome outcome = switch (end) {
            case RunEnd.Completed c -> complete(rj, c.output(), ctx);
            case RunEnd.Failed f -> failedAttempt(rj, f.error(), ctx, f.critical(), false);
            case RunEnd.TimedOut t -> failedAttempt(rj, timedOut(rj, false), ctx, false, false);
            case RunEnd.Stopped st -> stopped(rj, job, ctx, st.reason());
            case RunEnd.StorageFailed sf -> pausedByStorage(rj, ctx, sf.cause());
            // a pause or cancel asked while the parent ran on to its wait: honoured as if it had checked for it
            case RunEnd.WaitingForChildren w when userStop(rj) != null -> stopped(rj, job, ctx, userStop(rj));
            case RunEnd.WaitingForChildren w -> waitForChildren(rj, job, ctx);
            case RunEnd.LoadFailed lf -> failedAttempt(rj, ErrorRecord.of(lf.error(), clock.millis()), null, true, false);
        };
        metrics.runEnded(outcome);
        return outcome;
    }

    /**
     * The timeout's grace period is over and the job still runs: abandon the run (interrupt its thread,
     * ignore whatever it does next) and record a timed-out attempt.
     */
    void abandonTimedOut(RunningJob rj) {
        if (!rj.settle()) {
            return;
        }
        LOG.warn("job {} ({}) ignored its timeout; its run is abandoned", LogText.escape(rj.id()),
                LogText.escape(rj.name()));
        rj.interruptThread();
        try {
            metrics.runEnded(failedAttempt(rj, timedOut(rj, true), null, false, true));
        } catch (RuntimeException e) {
            LOG.warn("recording the abandoned run of {} failed", LogText.escape(rj.id()), e);
        }
        // its thread may never end: the run is over for the scheduler now, and its worker is handed on
        claims.workerFreed(rj);
        claims.endRun(rj);
    }

    /**
     * The library closes and {@code rj} did not stop within the shutdown timeout (the closer settled it):
     * queues it to resume by itself next time (stop reason {@code abandoned}), without waiting for the write.
     */
    CompletableFuture<Boolean> abandonedAtClose(RunningJob rj) {
        long now = clock.millis();
        byte[] progress = progressBlob(rj);
        CompletableFuture<Boolean> write = db.submit(s -> ActiveJobs.stopRunning(s, rj.id(), JobStatus.QUEUED,
                StopReason.ABANDONED, null, progress, null, now));
        write.thenAccept(stored -> {
            if (stored) {
                metrics.runEnded(RunOutcome.INTERRUPTED);
            }
        });
        return write;
    }

    private ErrorRecord timedOut(RunningJob rj, boolean abandoned) {
        Duration timeout = Duration.ofMillis(rj.row().timeoutMs() == null ? 0 : rj.row().timeoutMs());
        return ErrorRecord.of(new JobTimedOutException(rj.id(), timeout, abandoned), clock.millis());
    }

    private RunOutcome complete(RunningJob rj, Object output, RunContext ctx) {
        if (!rj.settle()) {
            return RunOutcome.NOT_RECORDED;
        }
        byte[] out;
        try {
            out = output == null ? null : codec.encode(output, JobDataTooLargeException.Kind.OUTPUT, rj.id(), rj.name());
        } catch (JobDataTooLargeException | CodecException e) {
            return failedAttempt(rj, ErrorRecord.of(e, clock.millis()), ctx, true, true);
        }
        long now = clock.millis();
        boolean done = JobsDb.await(completions.submit(
                new History.Completed(rj.id(), out, progressBlob(rj), errorsOf(ctx), rj.runMillis(now), now), rj,
                () -> announcer.run(rj, JobStatus.RUNNING, JobStatus.COMPLETED, null)));
        if (done) {
            runs.settleResult(rj.id(), output, null);
        }
        return done ? RunOutcome.COMPLETED : RunOutcome.NOT_RECORDED;
    }

    /**
     * Records a failed attempt: another attempt after a backoff if the error is not critical and attempts
     * remain, otherwise the job fails and moves to history. Every attempt's error is kept.
     */
    private RunOutcome failedAttempt(RunningJob rj, ErrorRecord error, RunContext ctx, boolean critical,
            boolean alreadySettled) {
        if (!alreadySettled && !rj.settle()) {
            return RunOutcome.NOT_RECORDED;
        }
        JobRow row = rj.row();
        long now = clock.millis();
        long runMs = rj.runMillis(now);
        ErrorRecord trimmed = ErrorBudget.trim(error);
        List<ErrorRecord> attempts = ErrorBudget.readForUpdate(codec, row.attemptErrors(), clock.instant());
        ErrorBudget.add(attempts, trimmed, clock.instant());
        byte[] attemptErrors = ErrorBudget.encode(codec, attempts, clock.instant());
        byte[] progress = progressBlob(rj);
        byte[] errors = errorsOf(ctx);
        int attemptsMade = row.attempts() + 1;
        RetryPolicy policy = new RetryPolicy(Math.max(1, row.maxAttempts()), row.backoffMs(), maxBackoffMillis);
        if (policy.retries(attemptsMade, critical)) {
            long delay = policy.delayMillis(attemptsMade, ThreadLocalRandom.current()::nextDouble);
            long runAt = now + delay;
            LOG.info("job {} ({}) attempt {}/{} failed: {}; retrying in {} ms", LogText.escape(rj.id()),
                    LogText.escape(row.name()), attemptsMade,
                    row.maxAttempts(), LogText.escape(error.summary()), delay);
            boolean done = db.write(s -> ended(s, rj, JobStatus.QUEUED, error,
                    ActiveJobs.retry(s, rj.id(), runAt, attemptErrors, progress, errors, runMs, now)));
            if (done) {
                due.changed();
            }
            return done ? RunOutcome.RETRIED : RunOutcome.NOT_RECORDED;
        }
        LOG.info("job {} ({}) failed: {}", LogText.escape(rj.id()), LogText.escape(row.name()),
                LogText.escape(error.summary()));
        byte[] errorBlob = ErrorBudget.encodeOne(codec, trimmed);
        boolean done = db.write(s -> ended(s, rj, JobStatus.FAILED, error, History.finish(s, rj.id(),
                StatusRules.RUNNING, JobStatus.FAILED, null, errorBlob, progress, errors, attemptErrors, runMs, now)));
        if (done) {
            runs.settleResult(rj.id(), null, new JobFailedException(rj.id(), error));
        }
        return done ? RunOutcome.FAILED : RunOutcome.NOT_RECORDED;
    }

    private RunOutcome stopped(RunningJob rj, Job<?> job, RunContext ctx, InterruptReason reason) {
        if (!rj.settle()) {
            return RunOutcome.NOT_RECORDED;
        }
        long now = clock.millis();
        long runMs = rj.runMillis(now);
        byte[] progress = progressBlob(rj);
        byte[] errors = errorsOf(ctx);
        return switch (reason) {
            case CANCEL -> {
                ErrorRecord error = ErrorRecord.of("cancelled", "cancelled by the user", now);
                byte[] errorBlob = codec.encode(StoredError.of(error));
                boolean done = db.write(s -> ended(s, rj, JobStatus.CANCELLED, error, History.finish(s, rj.id(),
                        StatusRules.RUNNING, JobStatus.CANCELLED, null, errorBlob, progress, errors, null, runMs, now)));
                if (done) {
                    runs.settleResult(rj.id(), null, new JobCancelledException(rj.id()));
                }
                yield done ? RunOutcome.CANCELLED : RunOutcome.NOT_RECORDED;
            }
            case TIMEOUT -> throw new IllegalStateException("timeouts are recorded as failed attempts");
            case PAUSE, SHUTDOWN, CONDITION -> {
                byte[] state = null;
                if (rj.resumable()) {
                    try {
                        state = codec.encode(job);
                    } catch (CodecException e) {
                        LOG.warn("job {}: state could not be saved on {}; it resumes from its latest checkpoint",
                                LogText.escape(rj.id()), reason, e);
                    }
                }
                boolean pause = reason == InterruptReason.PAUSE && !rj.resumeRequested();
                JobStatus to = pause ? JobStatus.PAUSED : JobStatus.QUEUED;
                StopReason stopReason = switch (reason) {
                    case PAUSE -> StopReason.PAUSE;
                    case CONDITION -> StopReason.CONDITION;
                    default -> StopReason.SHUTDOWN;
                };
                byte[] saved = state;
                boolean done = db.write(s -> ended(s, rj, to, null, ActiveJobs.stopRunning(s, rj.id(), to, stopReason,
                        saved, progress, errors, runMs, now)));
                RunOutcome stoppedAs = reason == InterruptReason.PAUSE ? RunOutcome.PAUSED : RunOutcome.INTERRUPTED;
                yield done ? stoppedAs : RunOutcome.NOT_RECORDED;
            }
        };
    }

    /**
     * A checkpoint, step or other write of the job failed because the database could not be written: the job
     * did nothing wrong, so it is not failed. It is paused (stop reason {@code storage}) and keeps its latest
     * committed checkpoint; the user or app resumes it once the disk has room again. If even the pause cannot
     * be recorded, its row stays {@code running} and the next open resumes it from that checkpoint.
     */
    private RunOutcome pausedByStorage(RunningJob rj, RunContext ctx, StorageException cause) {
        if (!rj.settle()) {
            return RunOutcome.NOT_RECORDED;
        }
        long now = clock.millis();
        byte[] progress = progressBlob(rj);
        byte[] errors = errorsOf(ctx);
        long runMs = rj.runMillis(now);
        LOG.warn("job {} ({}) paused: {}; it resumes from its latest checkpoint", LogText.escape(rj.id()),
                LogText.escape(rj.name()), LogText.escape(cause.getMessage()));
        try {
            boolean done = db.write(s -> runs.leavesOnCommit(s, rj, ActiveJobs.stopRunning(s, rj.id(),
                    StatusRules.change(rj.id(), JobStatus.RUNNING, JobStatus.PAUSED), StopReason.STORAGE, null, progress, errors, runMs, now)));
            if (done) {
                announcer.run(rj, JobStatus.RUNNING, JobStatus.PAUSED, ErrorRecord.of(cause, now));
            }
            return done ? RunOutcome.PAUSED : RunOutcome.NOT_RECORDED;
        } catch (StorageException e) {
            LOG.warn("job {}: its pause could not be recorded either ({}); it resumes on the next open", rj.id(),
                    e.getMessage());
            runs.remove(rj);
            return RunOutcome.NOT_RECORDED;
        }
    }

    /** A pause or cancel asked of this run and not yet honoured, or null. */
    private static InterruptReason userStop(RunningJob rj) {
        InterruptReason reason = rj.interruptReason();
        return reason == InterruptReason.PAUSE || reason == InterruptReason.CANCEL ? reason : null;
    }

    /** The parent's run ends while its children work: state stored, queued with stop reason "waiting". */
    private RunOutcome waitForChildren(RunningJob rj, Job<?> job, RunContext ctx) {
        if (!rj.settle()) {
            return RunOutcome.NOT_RECORDED;
        }
        long now = clock.millis();
        byte[] state;
        try {
            state = codec.encode(job);
        } catch (CodecException e) {
            // its state over the limit (or not encodable): the job cannot wait, it fails instead of staying running
            return failedAttempt(rj, ErrorRecord.of(e.getCause() != null ? e.getCause() : e, now), ctx, true, true);
        }
        byte[] progress = progressBlob(rj);
        byte[] errors = errorsOf(ctx);
        long runMs = rj.runMillis(now);
        boolean done = db.write(s -> ended(s, rj, JobStatus.QUEUED, null, ActiveJobs.stopRunning(s, rj.id(),
                JobStatus.QUEUED, StopReason.WAITING, state, progress, errors, runMs, now)));
        return done ? RunOutcome.WAITING : RunOutcome.NOT_RECORDED;
    }

    /**
     * When a transition that ends the run commits: the run leaves the run table, and its status event is
     * queued from the writer thread's after-commit hook, in commit order with the events of controls (pause,
     * resume, cancel) that commit after it, so a listener's last event is always the stored status.
     */
    private boolean ended(WriteSession s, RunningJob rj, JobStatus to, ErrorRecord error, boolean changed) {
        StatusRules.change(rj.id(), JobStatus.RUNNING, to); // inside the write: a forbidden change rolls back
        if (changed) {
            s.afterCommit(() -> runs.remove(rj));
            s.afterCommit(() -> announcer.run(rj, JobStatus.RUNNING, to, error));
        }
        return changed;
    }

    private byte[] progressBlob(RunningJob rj) {
        Progress p = rj.progress().latest();
        return p == null ? null : ProgressRecord.encode(codec, p);
    }

    private static byte[] errorsOf(RunContext ctx) {
        return ctx == null ? null : ctx.encodedErrors();
    }
}
