package dev.stint.internal.exec;

import dev.stint.ErrorRecord;
import dev.stint.InterruptReason;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobDataTooLargeException;
import dev.stint.JobDataTooLargeException.Kind;
import dev.stint.JobInterruptedException;
import dev.stint.JobNotResumableException;
import dev.stint.Progress;
import dev.stint.internal.observe.CheckpointEvent;
import dev.stint.internal.codec.ErrorBudget;
import dev.stint.internal.log.LineBudget;
import dev.stint.internal.store.JobLogLines;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.internal.store.NewJob;
import dev.stint.spi.CrashPoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@link JobContext} of one run. */
final class RunContext implements JobContext {
    private final RunServices services;
    private final RunningJob running;
    private final Job<?> job;
    private final boolean resumed;
    private final List<ErrorRecord> errors;
    private volatile RunJobLog log;

    /** What intermediate results are read back as: {@code Map<String, Object>}. */
    private static final java.lang.reflect.Type RESULTS_TYPE = new dev.stint.TypeRef<java.util.Map<String, Object>>() {
    }.type();

    private final java.util.Map<String, byte[]> steps;
    private final java.util.Map<String, Object> results;

    RunContext(RunServices services, RunningJob running, Job<?> job, boolean resumed, List<ErrorRecord> storedErrors,
            java.util.Map<String, byte[]> committedSteps, java.util.Map<String, Object> storedResults) {
        this.services = services;
        this.running = running;
        this.job = job;
        this.resumed = resumed;
        this.errors = ErrorBudget.bounded(storedErrors, services.clock().instant());
        this.steps = new java.util.HashMap<>(committedSteps);
        this.results = new java.util.LinkedHashMap<>(storedResults);
    }

    /** Encodes data of this job, bounded by the library's limit for its kind. */
    private byte[] encode(Object value, Kind kind) {
        return services.codec().encode(value, kind, running.id(), running.name());
    }

    /**
     * The job's state, encoded; the run's first store of it (and, in strict mode, every one) is decoded again
     * and compared with the job's fields, so that a field that would not survive a resume fails this run.
     */
    private byte[] encodeState() {
        if (stateChecked && !services.codec().checksEveryStore()) {
            return encode(job, Kind.STATE);
        }
        byte[] state = services.codec().encodeChecked(job, job.getClass(), Kind.STATE, running.id(), running.name(),
                null);
        stateChecked = true;
        return state;
    }

    private boolean stateChecked;

    @Override
    @SuppressWarnings("unchecked")
    public <T> T step(String name, dev.stint.TypeRef<T> resultType, StepBody<T> body) throws Exception {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(resultType, "resultType");
        if (!running.resumable()) {
            throw new JobNotResumableException(running.id(), running.name(), "run steps");
        }
        byte[] stored = steps.get(name);
        if (stored != null) {
            return stored.length == 0 || resultType.type() == Void.class ? null
                    : (T) services.codec().decode(stored, resultType.type());
        }
        checkInterrupted();
        T result = body.run();
        // a step's result is stored once: it is always checked
        byte[] resultBlob = result == null ? null : services.codec().encodeChecked(result, resultType.type(),
                Kind.STEP_RESULT, running.id(), running.name(), "step '" + name + "'");
        byte[] state = encodeState();
        long now = services.clock().millis();
        int seq = steps.size() + 1;
        boolean committed = services.db().writeForJob(s ->
                ActiveJobs.completeStep(s, running.id(), name, seq, resultBlob, state, now));
        if (!committed) {
            throw notRecorded();
        }
        steps.put(name, resultBlob == null ? new byte[0] : resultBlob);
        running.countCheckpoint();
        services.crashHook().afterJobCommit(running, CrashPoint.Kind.STEP, name, ++stepsThisRun);
        return result;
    }

    private int spawnCalls;
    private int stepsThisRun;

    @Override
    public List<String> spawn(List<? extends dev.stint.Job<?>> children) {
        if (!running.resumable()) {
            throw new JobNotResumableException(running.id(), running.name(), "spawn child jobs");
        }
        String stepName = "spawn#" + (++spawnCalls);
        byte[] stored = steps.get(stepName);
        if (stored != null) {
            return List.of(services.codec().decode(stored, String[].class));
        }
        checkInterrupted();
        List<NewJob> rows = services.newJobs().children(running.id(), children);
        String[] ids = rows.stream().map(NewJob::id).toArray(String[]::new);
        byte[] resultBlob = encode(ids, Kind.STEP_RESULT);
        byte[] state = encodeState();
        long now = services.clock().millis();
        int seq = steps.size() + 1;
        boolean committed = services.db().writeForJob(s -> {
            if (!ActiveJobs.completeStep(s, running.id(), stepName, seq, resultBlob, state, now)) {
                return false;
            }
            List<NewJob> tagged = services.tags().inherit(s, running.id(), rows);
            ActiveJobs.insert(s, tagged);
            s.afterCommit(() -> services.announcer().queued(tagged));
            services.tags().holdNew(s, tagged);
            return true;
        });
        if (!committed) {
            throw notRecorded();
        }
        steps.put(stepName, resultBlob);
        services.wakeScheduler().run();
        services.crashHook().afterJobCommit(running, CrashPoint.Kind.STEP, stepName, ++stepsThisRun);
        return List.of(ids);
    }

    @Override
    public List<dev.stint.ChildResult> awaitChildren(List<String> childIds, dev.stint.ChildFailurePolicy policy) {
        List<dev.stint.ChildResult> results = new ArrayList<>();
        int active = 0;
        for (String id : childIds) {
            dev.stint.JobInfo info = services.jobInfo().apply(id).orElseThrow(() -> new dev.stint.JobNotFoundException(id));
            if (!info.status().isTerminal()) {
                active++;
            } else {
                results.add(new dev.stint.ChildResult(info.id(), info.name(), info.status(), info.outputJson(),
                        info.error()));
            }
        }
        if (active > 0) {
            throw new AwaitingChildren(running.id(), active);
        }
        if (policy == dev.stint.ChildFailurePolicy.FAIL_PARENT) {
            List<dev.stint.ChildResult> failed = results.stream().filter(r -> !r.succeeded()).toList();
            if (!failed.isEmpty()) {
                throw new dev.stint.ChildJobFailedException(failed);
            }
        }
        return results;
    }

    @Override
    public boolean isStepDone(String name) {
        return steps.containsKey(name);
    }

    @Override
    public <T> void batches(String name, List<T> items, int chunkSize, BatchBody<T> body) throws Exception {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, was " + chunkSize);
        }
        int total = items.size();
        int chunks = (total + chunkSize - 1) / chunkSize;
        for (int i = 0; i < chunks; i++) {
            int from = i * chunkSize;
            int to = Math.min(total, from + chunkSize);
            int index = i;
            List<T> chunk = items.subList(from, to);
            step(name + "#" + i, () -> body.process(chunk, index));
            reportCount(to, total);
        }
    }

    @Override
    public void mergeResults(java.util.Map<String, Object> patch) {
        byte[] blob;
        synchronized (results) {
            java.util.Map<String, Object> merged = new java.util.LinkedHashMap<>(results);
            patch.forEach((k, v) -> {
                if (v == null) {
                    merged.remove(k);
                } else {
                    merged.put(k, v);
                }
            });
            // encoded before it replaces the results: a patch over the limit (or that would not come back as
            // it is after a resume, such as a Path that would read back as a String) changes nothing
            blob = services.codec().encodeChecked(merged, RESULTS_TYPE, Kind.RESULTS, running.id(), running.name(),
                    "intermediate results");
            results.clear();
            results.putAll(merged);
        }
        long now = services.clock().millis();
        boolean saved = services.db().writeForJob(s -> ActiveJobs.saveResults(s, running.id(), blob, now));
        if (!saved) {
            throw notRecorded();
        }
    }

    @Override
    public java.util.Map<String, Object> results() {
        synchronized (results) {
            return new java.util.LinkedHashMap<>(results);
        }
    }

    @Override
    public String jobId() {
        return running.id();
    }

    @Override
    public String jobName() {
        return running.name();
    }

    @Override
    public Path libraryDir() {
        return services.dir();
    }

    @Override
    public boolean isResumed() {
        return resumed;
    }

    @Override
    public dev.stint.JobLog log() {
        RunJobLog log = this.log;
        if (log == null) {
            synchronized (this) { // a WASM module logs from a thread of its own
                log = this.log;
                if (log == null) {
                    log = newLog();
                    this.log = log;
                }
            }
        }
        return log;
    }

    /** The run's log: its budget counts the job's earlier runs (read on the first line of a resumed run). */
    private RunJobLog newLog() {
        String id = running.id();
        boolean earlierRuns = running.row().runCount() > 1;
        LineBudget budget = new LineBudget(services.logBudget(), () -> earlierRuns ? earlierLines(id) : 0,
                System::nanoTime);
        return new RunJobLog(id, running.name(), services.logFiles(), services.clock(), budget, lines -> {
            services.db().submit(s -> {
                JobLogLines.add(s, id, lines);
                return null;
            });
        });
    }

    private long earlierLines(String id) {
        try {
            return services.db().read(c -> JobLogLines.read(c, id));
        } catch (RuntimeException e) {
            return 0; // the library is closing or jobs.db unreadable: this run's own cap still holds
        }
    }

    /**
     * The job's code is done: the lines it logged are added to the job's stored count, and what its log budget
     * dropped is logged and recorded as one non-critical error.
     */
    void endLog() {
        RunJobLog log = this.log;
        String dropped = log == null ? null : log.finish();
        if (dropped != null) {
            reportNonCriticalError(dropped);
        }
    }

    @Override
    public int attempt() {
        return running.row().attempts() + 1;
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
            throw new JobNotResumableException(running.id(), running.name(), "checkpoint");
        }
        if (running.isSettled()) {
            // abandoned by a shutdown: the library no longer records this run
            throw new JobInterruptedException(running.id(), InterruptReason.SHUTDOWN);
        }
        CheckpointEvent event = CheckpointEvent.beginIfRecorded();
        long began = System.nanoTime();
        byte[] state = encodeState();
        long now = services.clock().millis();
        boolean saved = services.db().writeForJob(s -> ActiveJobs.saveCheckpoint(s, running.id(), state, now));
        if (!saved) {
            throw notRecorded();
        }
        services.metrics().checkpointCommitted(System.nanoTime() - began);
        CheckpointEvent.commit(event, services.label(), running.id(), running.name(), state == null ? 0 : state.length);
        running.countCheckpoint();
        services.crashHook().afterJobCommit(running, CrashPoint.Kind.CHECKPOINT, null, running.checkpointsThisRun());
    }

    @Override
    public void reportProgress(Progress progress) {
        Objects.requireNonNull(progress, "progress");
        if (progress instanceof Progress.Phase phase && !phase.data().isEmpty()) {
            progress = boundedPhase(phase);
        }
        running.progress().report(progress);
    }

    private volatile boolean progressDataRejected;

    /**
     * A phase whose data is over the library's limit, or cannot be encoded at all, is kept without its
     * data; the first such report of a run is recorded as a non-critical error. Costs one encoding of the
     * data per phase report with data (count, percent and bytes reports stay a volatile write).
     */
    private Progress boundedPhase(Progress.Phase phase) {
        String problem;
        try {
            encode(phase.data(), Kind.PROGRESS_DATA);
            return phase;
        } catch (JobDataTooLargeException e) {
            problem = e.getMessage();
        } catch (dev.stint.internal.codec.CodecException e) {
            problem = "progress data of phase '" + phase.name() + "' cannot be stored: " + e.getMessage();
        }
        if (!progressDataRejected) {
            progressDataRejected = true;
            reportNonCriticalError("progress data dropped: " + problem);
        }
        return new Progress.Phase(phase.name(), null);
    }

    @Override
    public void reportNonCriticalError(String message) {
        record(ErrorRecord.of("non-critical", message, services.clock().millis()));
    }

    @Override
    public void reportNonCriticalError(String message, Throwable cause) {
        ErrorRecord fromCause = ErrorRecord.of(cause, services.clock().millis());
        record(new ErrorRecord(fromCause.type(), message + ": " + fromCause.message(), fromCause.stackTrace(),
                fromCause.at()));
    }

    private void record(ErrorRecord reported) {
        ErrorRecord error = ErrorBudget.trim(reported);
        synchronized (errors) {
            // bounded in number and size, so that the stored list can always be read back
            ErrorBudget.add(errors, error, services.clock().instant());
            byte[] blob = ErrorBudget.encode(services.codec(), errors, services.clock().instant());
            // submitted under the lock so that the writer sees the lists in the order they grew
            services.db().submit(s -> {
                ActiveJobs.saveErrors(s, running.id(), blob);
                return null;
            });
        }
        services.announcer().nonCriticalError(running, error);
    }

    @Override
    public List<ErrorRecord> nonCriticalErrors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /**
     * A write of this run found the job no longer running (its run was settled by a shutdown or a crash):
     * the job stops at once, for the reason asked of it, or as a shutdown.
     */
    private JobInterruptedException notRecorded() {
        return new JobInterruptedException(running.id(),
                Objects.requireNonNullElse(running.interruptReason(), InterruptReason.SHUTDOWN));
    }

    /** The errors as stored, for the final transition. */
    byte[] encodedErrors() {
        synchronized (errors) {
            return errors.isEmpty() ? null : ErrorBudget.encode(services.codec(), errors, services.clock().instant());
        }
    }
}
