package dev.stint.fx;

import dev.stint.ErrorRecord;
import dev.stint.JobEvent;
import dev.stint.JobInfo;
import dev.stint.JobNotFoundException;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Progress;
import dev.stint.Subscription;
import dev.stint.fx.internal.BufferedListener;
import dev.stint.fx.internal.EtaEstimator;
import dev.stint.fx.internal.PendingUpdate;
import dev.stint.fx.internal.PulseBatcher;
import dev.stint.fx.internal.Request;
import dev.stint.fx.internal.Texts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.ProgressIndicator;

/**
 * One job of a library as observable JavaFX properties, for binding controls:
 *
 * <pre>{@code
 * progressBar.progressProperty().bind(FxJob.of(library, id).progressProperty());
 * }</pre>
 *
 * <p><b>Threading.</b> Engine events arrive on the library's event thread; an {@code FxJob} only records the
 * latest state there and applies it on the JavaFX application thread, at most once per pulse (the pulse
 * runs at most 60 times a second), however many events arrived in between. Intermediate progress values
 * may be skipped; the latest one always shows, and the final progress of a finished job shows before (in
 * the same pulse as) its final status. Read and bind the properties on the FX thread only. The JavaFX
 * toolkit must be running.
 *
 * <p><b>Progress.</b> {@link #progressProperty()} is the fraction done (0..1) when the job's progress tells
 * it, {@link #INDETERMINATE} (-1, {@link ProgressIndicator#INDETERMINATE_PROGRESS}) while a running job
 * reports progress of unknown extent (or none yet), 0 for a waiting job that has no fraction, and 1 for a
 * completed job. A failed or cancelled job keeps the fraction it reached. The text properties always show
 * the last value the job reported.
 *
 * <p><b>Commands.</b> {@link #pauseCommand()}, {@link #resumeCommand()}, {@link #cancelCommand()} and
 * {@link #retryCommand()} are enabled only when legal for the job's status; see {@link JobCommand}.
 *
 * <p>Jobs of an {@link FxJobs} list are created and closed by the list. A job obtained with
 * {@link #of(Library, String)} listens to the engine until {@link #close() closed}.
 */
public final class FxJob implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FxJob.class.getName());

    /** The value of {@link #progressProperty()} while progress is of unknown extent (-1). */
    public static final double INDETERMINATE = ProgressIndicator.INDETERMINATE_PROGRESS;

    private final Library library;
    private final String id;
    private final String name;
    private final FxJobs owner;
    private final InfoLoader infoLoader;
    private final PulseBatcher batcher;
    private final ZoneId zone = ZoneId.systemDefault();
    private volatile Subscription subscription;

    // FX thread state
    private final ReadOnlyObjectWrapper<JobStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyObjectWrapper<Progress> rawProgress = new ReadOnlyObjectWrapper<>(this, "rawProgress");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper(this, "phase", "");
    private final ReadOnlyLongWrapper done = new ReadOnlyLongWrapper(this, "done", -1);
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total", -1);
    private final ReadOnlyObjectWrapper<Duration> eta = new ReadOnlyObjectWrapper<>(this, "eta");
    private final ReadOnlyStringWrapper etaText = new ReadOnlyStringWrapper(this, "etaText", "");
    private final ReadOnlyIntegerWrapper nonCriticalErrors = new ReadOnlyIntegerWrapper(this, "nonCriticalErrors");
    private final ReadOnlyObjectWrapper<Duration> stalledFor = new ReadOnlyObjectWrapper<>(this, "stalledFor");
    private final ReadOnlyObjectWrapper<ErrorRecord> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyObjectWrapper<JobInfo> info = new ReadOnlyObjectWrapper<>(this, "info");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyStringWrapper parentId = new ReadOnlyStringWrapper(this, "parentId");
    private final ReadOnlyObjectWrapper<Request> request = new ReadOnlyObjectWrapper<>(this, "request");
    private final ObjectProperty<Consumer<JobInfo>> retryHandler = new SimpleObjectProperty<>(this, "retryHandler");
    private final ObjectProperty<Consumer<Throwable>> commandErrorHandler =
            new SimpleObjectProperty<>(this, "commandErrorHandler");
    private final ObservableList<FxJob> children = FXCollections.observableArrayList();
    private final ObservableList<FxJob> childrenView = FXCollections.unmodifiableObservableList(children);
    private final EtaEstimator etaEstimator = new EtaEstimator();
    private long statusGeneration;
    private long applyCount;
    private final JobCommand pause;
    private final JobCommand resume;
    private final JobCommand cancel;
    private final JobCommand retry;

    // Merged into atomically by any thread, taken whole (leaving EMPTY) by the FX thread at the next pulse.
    private final AtomicReference<PendingUpdate> pending = new AtomicReference<>(PendingUpdate.EMPTY);
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final PulseBatcher.Task applyTask = nanos -> {
        dirty.set(false); // before taking the state: a later event queues the task again
        apply(nanos);
    };

    FxJob(Library library, String id, String name, FxJobs owner, InfoLoader infoLoader, PulseBatcher batcher) {
        this.library = Objects.requireNonNull(library, "library");
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.owner = owner;
        this.infoLoader = infoLoader;
        this.batcher = batcher;
        this.pause = new JobCommand(this, JobCommand.Kind.PAUSE);
        this.resume = new JobCommand(this, JobCommand.Kind.RESUME);
        this.cancel = new JobCommand(this, JobCommand.Kind.CANCEL);
        this.retry = new JobCommand(this, JobCommand.Kind.RETRY);
    }

    /**
     * Observes one job of an open library, active or finished. Call it on the FX thread to have the
     * properties filled in at once; from another thread they are filled in at the next pulse. Close it
     * when done to stop listening.
     *
     * @throws JobNotFoundException if the library has no job with that id, active or finished
     */
    public static FxJob of(Library library, String id) {
        JobInfo first = library.job(id).orElseThrow(() -> new JobNotFoundException(id));
        InfoLoader loader = new InfoLoader(library);
        FxJob job = new FxJob(library, id, first.name(), null, loader, PulseBatcher.shared());
        BufferedListener listener = new BufferedListener(job::offer);
        job.subscription = library.handle(id).orElseThrow(() -> new JobNotFoundException(id)).subscribe(listener);
        // the snapshot is read after subscribing: no event is missed, older ones only repeat it
        JobInfo snapshot = library.job(id).orElse(first);
        if (Platform.isFxApplicationThread()) {
            job.showInitial(snapshot);
        } else {
            job.offerInfo(snapshot, true);
        }
        listener.release();
        return job;
    }

    // ---------------------------------------------------------------- identity

    /** The job's id. */
    public String id() {
        return id;
    }

    /** The job's type name. */
    public String name() {
        return name;
    }

    /** The library the job belongs to. */
    public Library library() {
        return library;
    }

    // ---------------------------------------------------------------- properties

    /** The job's status; null only until the first pulse of a job created off the FX thread. */
    public ReadOnlyObjectProperty<JobStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The current status. */
    public JobStatus getStatus() {
        return status.get();
    }

    /**
     * The status for people: {@code Queued}, {@code Running}, {@code Pausing…} (a pause was asked and the
     * job has not reached its next check yet), {@code Paused}, {@code Cancelling…}, {@code Completed},
     * {@code Failed}, {@code Cancelled}.
     */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** The latest progress value as reported by the job (null before any). */
    public ReadOnlyObjectProperty<Progress> rawProgressProperty() {
        return rawProgress.getReadOnlyProperty();
    }

    /**
     * The fraction done, 0..1, or {@link #INDETERMINATE}: bind a {@code ProgressBar} or
     * {@code ProgressIndicator} to it. See the class comment for the rules.
     */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The current progress fraction. */
    public double getProgress() {
        return progress.get();
    }

    /**
     * The progress as text: {@code 40 / 300}, {@code 1.2 MB / 3.4 MB}, {@code 42%}, {@code process 30 / 60}
     * or the job's message.
     */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The current phase's name for phase progress, otherwise empty. */
    public ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** Items (or bytes) done, from count, byte or phase progress; -1 when not known. */
    public ReadOnlyLongProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    /** Items (or bytes) in all; -1 when not known. */
    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /**
     * The estimated time left while running, from the rate of progress over the last 30 seconds; null when
     * there is no estimate (not running, unknown extent, or less than a second of progress seen).
     */
    public ReadOnlyObjectProperty<Duration> etaProperty() {
        return eta.getReadOnlyProperty();
    }

    /** {@link #etaProperty()} as text ({@code 12 s}, {@code 3 min 5 s}); empty when there is none. */
    public ReadOnlyStringProperty etaTextProperty() {
        return etaText.getReadOnlyProperty();
    }

    /** How many non-critical errors the job has recorded. */
    public ReadOnlyIntegerProperty nonCriticalErrorsProperty() {
        return nonCriticalErrors.getReadOnlyProperty();
    }

    /**
     * How long a running job has been quiet when the engine's stall watchdog fired
     * ({@link dev.stint.Library.Builder#stallTimeout}); null again at its next progress or status change.
     */
    public ReadOnlyObjectProperty<Duration> stalledForProperty() {
        return stalledFor.getReadOnlyProperty();
    }

    /** Whether the stall watchdog reported the running job quiet. */
    public boolean isStalled() {
        return stalledFor.get() != null;
    }

    /** The error of a failed or cancelled job, otherwise null. */
    public ReadOnlyObjectProperty<ErrorRecord> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /**
     * The job's stored record as last read: attempts, run-at, stop reason, parent, timings. It is read
     * when the job is first seen and again after each status change (one read by id, off the FX thread),
     * never polled. Its status may lag behind {@link #statusProperty()}.
     */
    public ReadOnlyObjectProperty<JobInfo> infoProperty() {
        return info.getReadOnlyProperty();
    }

    /**
     * A one-line note for people: {@code starts at 14:02:10}, {@code attempt 2 of 4 at 14:02:11},
     * {@code interrupted (shutdown), resumes by itself}, {@code resumed after shutdown},
     * {@code paused: stays paused until resumed}, the error of a failed job, a pending pause or cancel, and
     * the count of non-critical errors.
     */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** The id of the job that spawned this one, or null. */
    public ReadOnlyStringProperty parentIdProperty() {
        return parentId.getReadOnlyProperty();
    }

    /** The job's child jobs (in an {@link FxJobs} list; always empty for {@link #of}). Read-only. */
    public ObservableList<FxJob> children() {
        return childrenView;
    }

    /**
     * What {@link #retryCommand()} calls, on a background thread, with the job's stored record; null (the
     * default) disables retry. Jobs of an {@link FxJobs} list follow the list's handler.
     */
    public ObjectProperty<Consumer<JobInfo>> retryHandlerProperty() {
        return retryHandler;
    }

    /**
     * Receives, on the FX thread, the exception of a command that failed (for example pausing a job that
     * finished meanwhile); null (the default) logs it. Jobs of an {@link FxJobs} list follow the list's.
     */
    public ObjectProperty<Consumer<Throwable>> commandErrorHandlerProperty() {
        return commandErrorHandler;
    }

    /** Pauses the job: enabled while it is queued or running (and no pause is pending). */
    public JobCommand pauseCommand() {
        return pause;
    }

    /** Resumes the job: enabled while it is paused. */
    public JobCommand resumeCommand() {
        return resume;
    }

    /** Cancels the job: enabled while it is queued, running or paused (and no cancel is pending). */
    public JobCommand cancelCommand() {
        return cancel;
    }

    /** Hands a failed or cancelled job to the {@link #retryHandlerProperty() retry handler}. */
    public JobCommand retryCommand() {
        return retry;
    }

    /** Stops listening to the engine (for jobs from {@link #of}; a list's jobs stop with the list). */
    @Override
    public void close() {
        Subscription s = subscription;
        subscription = null;
        if (s != null) {
            s.close();
        }
        if (owner == null && infoLoader != null) {
            infoLoader.close();
        }
    }

    @Override
    public String toString() {
        return "FxJob[" + id + " " + name + " " + status.get() + "]";
    }

    // ---------------------------------------------------------------- package: owner, commands, tests

    ReadOnlyObjectProperty<Request> requestProperty() {
        return request.getReadOnlyProperty();
    }

    ObservableList<FxJob> mutableChildren() {
        return children;
    }

    FxJobs owner() {
        return owner;
    }

    long statusGeneration() {
        return statusGeneration;
    }

    /** How many times pending state was applied on the FX thread (tests). */
    long applyCount() {
        return applyCount;
    }

    /** After a successful pause or cancel call: show it as pending until the status changes. */
    void requestPending(Request r, long generationAtCall) {
        if (statusGeneration == generationAtCall && status.get() == JobStatus.RUNNING) {
            request.set(r);
            refreshTexts();
        }
    }

    void reportCommandError(JobCommand command, Throwable t) {
        Consumer<Throwable> handler = commandErrorHandler.get();
        if (handler != null) {
            handler.accept(t);
        } else {
            LOG.log(System.Logger.Level.WARNING, command.text() + " " + name + " " + id + " failed", t);
        }
    }

    // ---------------------------------------------------------------- any thread: record pending state

    /** Records an engine event (any thread). */
    void offer(JobEvent event) {
        pending.getAndUpdate(p -> p.with(event));
        markDirty();
        if (event instanceof JobEvent.StatusChanged && infoLoader != null) {
            infoLoader.request(this);
        }
    }

    /** Records a stored record read from the library (any thread); {@code initial} also takes its status. */
    void offerInfo(JobInfo record, boolean initial) {
        recordInfo(record, initial);
        markDirty();
    }

    /** Shows the first record at once (FX thread), without waiting for a pulse. */
    void showInitial(JobInfo record) {
        recordInfo(record, true);
        applyNow();
    }

    private void recordInfo(JobInfo record, boolean initial) {
        pending.getAndUpdate(p -> p.withInfo(record, initial));
    }

    private void markDirty() {
        if (dirty.compareAndSet(false, true)) {
            batcher.submit(applyTask);
        }
    }

    // ---------------------------------------------------------------- FX thread: apply

    /** Applies pending state now (FX thread); a queued pulse update still runs, finding little to do. */
    void applyNow() {
        apply(System.nanoTime());
    }

    private void apply(long nanos) {
        PendingUpdate u = pending.getAndSet(PendingUpdate.EMPTY);
        JobInfo newInfo = u.info();
        Progress newProgress = u.progress(); // or the record's, below
        applyCount++;
        if (newInfo != null) {
            info.set(newInfo);
            if (u.initial() && u.status() == null) {
                setStatus(newInfo.status());
                if (newInfo.error() != null) {
                    error.set(newInfo.error());
                }
            }
            if (newProgress == null && (rawProgress.get() == null || u.initial())) {
                newProgress = newInfo.progress();
            }
            if (newInfo.status().isTerminal() && newInfo.error() != null && error.get() == null) {
                error.set(newInfo.error());
            }
            nonCriticalErrors.set(Math.max(nonCriticalErrors.get(), newInfo.nonCriticalErrors().size()));
            if (!Objects.equals(parentId.get(), newInfo.parentId())) {
                parentId.set(newInfo.parentId());
                if (owner != null) {
                    owner.parentChanged(this);
                }
            }
        }
        if (u.status() != null) {
            if (u.error() != null) {
                error.set(u.error());
            }
            setStatus(u.status());
        }
        if (u.statusChanges() > 0) {
            etaEstimator.reset();
        }
        if (u.nonCritical() > 0) {
            nonCriticalErrors.set(nonCriticalErrors.get() + u.nonCritical());
        }
        if (newProgress != null) {
            rawProgress.set(newProgress);
        }
        if (u.stalledSet()) {
            stalledFor.set(u.stalled());
        }
        refreshProgress(nanos, newProgress != null || u.statusChanges() > 0);
        refreshTexts();
    }

    private void setStatus(JobStatus s) {
        statusGeneration++;
        request.set(null);
        if (s != status.get()) {
            status.set(s);
            if (owner != null && s.isTerminal()) {
                owner.jobFinished(this);
            }
        }
    }

    private void refreshProgress(long nanos, boolean changed) {
        Progress p = rawProgress.get();
        JobStatus s = status.get();
        OptionalDouble fraction = p == null ? OptionalDouble.empty() : p.fraction();
        double value;
        if (s == JobStatus.COMPLETED) {
            value = 1.0; // done is done, whatever the last report said (a parent's roll-up may lag)
        } else if (fraction.isPresent()) {
            value = fraction.getAsDouble();
        } else if (s == JobStatus.RUNNING) {
            value = INDETERMINATE;
        } else {
            value = 0.0;
        }
        progress.set(value);
        message.set(Texts.progress(p));
        phase.set(p instanceof Progress.Phase ph ? ph.name() : "");
        long d = -1;
        long t = -1;
        switch (p) {
            case Progress.Count c -> {
                d = c.done();
                t = c.total();
            }
            case Progress.Bytes b -> {
                d = b.done();
                t = b.total();
            }
            case Progress.Phase ph -> {
                if (ph.data().get("done") instanceof Number n) {
                    d = n.longValue();
                }
                if (ph.data().get("total") instanceof Number n) {
                    t = n.longValue();
                }
            }
            case null, default -> {
            }
        }
        done.set(d);
        total.set(t);
        if (s != JobStatus.RUNNING || fraction.isEmpty()) {
            etaEstimator.reset();
            eta.set(null);
        } else if (changed) {
            eta.set(etaEstimator.update(nanos, fraction.getAsDouble()));
        }
        etaText.set(Texts.duration(eta.get()));
    }

    private void refreshTexts() {
        statusText.set(Texts.status(status.get(), request.get()));
        note.set(Texts.note(status.get(), info.get(), request.get(), stalledFor.get(), nonCriticalErrors.get(),
                error.get(), Instant.now(), zone));
    }
}
