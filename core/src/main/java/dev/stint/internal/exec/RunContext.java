package dev.stint.internal.exec;

import dev.stint.ErrorRecord;
import dev.stint.InterruptReason;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobEvent;
import dev.stint.JobInterruptedException;
import dev.stint.JobNotResumableException;
import dev.stint.Progress;
import dev.stint.internal.codec.StoredError;
import dev.stint.internal.store.JobStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@link JobContext} of one run. */
final class RunContext implements JobContext {
    private final Engine engine;
    private final RunningJob running;
    private final Job<?> job;
    private final boolean resumed;
    private final List<ErrorRecord> errors;
    private dev.stint.JobLog log;

    RunContext(Engine engine, RunningJob running, Job<?> job, boolean resumed, List<ErrorRecord> storedErrors) {
        this.engine = engine;
        this.running = running;
        this.job = job;
        this.resumed = resumed;
        this.errors = new ArrayList<>(storedErrors);
    }

    @Override
    public String jobId() {
        return running.id();
    }

    @Override
    public String jobName() {
        return running.row.name();
    }

    @Override
    public Path libraryDir() {
        return engine.dir();
    }

    @Override
    public boolean isResumed() {
        return resumed;
    }

    @Override
    public dev.stint.JobLog log() {
        dev.stint.JobLog log = this.log;
        if (log == null) {
            log = new RunJobLog(running.id(), running.row().name(), engine.jobLogFiles(), engine.config().clock());
            this.log = log;
        }
        return log;
    }

    @Override
    public int attempt() {
        return running.row.attempts() + 1;
    }

    @Override
    public void checkInterrupted() {
        InterruptReason reason = running.interruptReason();
        if (reason != null) {
            throw new JobInterruptedException(running.id(), reason);
        }
    }

    @Override
    public Optional<InterruptReason> interruptRequested() {
        return Optional.ofNullable(running.interruptReason());
    }

    @Override
    public void checkpoint() {
        if (!running.resumable()) {
            throw new JobNotResumableException(running.id(), running.row.name(), "checkpoint");
        }
        if (running.isSettled()) {
            // abandoned by a shutdown: the library no longer records this run
            throw new JobInterruptedException(running.id(), InterruptReason.SHUTDOWN);
        }
        byte[] state = engine.codec().encode(job);
        long now = engine.now();
        boolean saved = engine.await(engine.writer().submit(s -> JobStore.saveCheckpoint(s, running.id(), state, now)));
        if (saved) {
            running.checkpointsThisRun++;
        } else {
            throw new JobInterruptedException(running.id(),
                    Objects.requireNonNullElse(running.interruptReason(), InterruptReason.SHUTDOWN));
        }
    }

    @Override
    public void reportProgress(Progress progress) {
        running.progress.report(Objects.requireNonNull(progress, "progress"));
    }

    @Override
    public void reportNonCriticalError(String message) {
        record(ErrorRecord.of("non-critical", message, engine.now()));
    }

    @Override
    public void reportNonCriticalError(String message, Throwable cause) {
        ErrorRecord fromCause = ErrorRecord.of(cause, engine.now());
        record(new ErrorRecord(fromCause.type(), message + ": " + fromCause.message(), fromCause.stackTrace(),
                fromCause.atMillis()));
    }

    private void record(ErrorRecord error) {
        synchronized (errors) {
            errors.add(error);
            byte[] blob = engine.codec().encode(StoredError.ofAll(errors));
            // submitted under the lock so that the writer sees the lists in the order they grew
            engine.writer().submit(s -> {
                JobStore.saveErrors(s, running.id(), blob);
                return null;
            });
        }
        engine.events().publish(new JobEvent.NonCriticalErrorReported(running.id(), running.row.name(), error));
    }

    @Override
    public List<ErrorRecord> nonCriticalErrors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** The errors as stored, for the final transition. */
    byte[] encodedErrors() {
        synchronized (errors) {
            return errors.isEmpty() ? null : engine.codec().encode(StoredError.ofAll(errors));
        }
    }
}
