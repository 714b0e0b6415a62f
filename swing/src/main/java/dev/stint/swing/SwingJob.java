package dev.stint.swing;

import dev.stint.ErrorRecord;
import dev.stint.JobEvent;
import dev.stint.JobInfo;
import dev.stint.JobNotFoundException;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Progress;
import dev.stint.Subscription;
import dev.stint.swing.internal.BufferedListener;
import dev.stint.swing.internal.EtaEstimator;
import dev.stint.swing.internal.FrameBatcher;
import dev.stint.swing.internal.InfoLoader;
import dev.stint.swing.internal.PendingUpdate;
import dev.stint.swing.internal.Request;
import dev.stint.swing.internal.Texts;
import java.beans.PropertyChangeListener;
import java.beans.PropertyChangeSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;

/**
 * One job of a library as bound JavaBeans properties, for Swing components:
 *
 * <pre>{@code
 * SwingJob job = SwingJob.of(library, id);   // on the EDT: filled in at once, so show it, then listen
 * bar.setValue((int) (Math.max(0, job.getProgress()) * 100));
 * job.addPropertyChangeListener(SwingJob.PROGRESS, e -> bar.setValue((int) (Math.max(0, job.getProgress()) * 100)));
 * }</pre>
 *
 * <p><b>Threading.</b> Engine events arrive on the library's event thread; a {@code SwingJob} only records the
 * latest state there and applies it on the event dispatch thread (EDT), at most once per frame
 * ({@value dev.stint.swing.internal.FrameBatcher#FRAME_MILLIS} ms) however many events arrived in between:
 * there is never more than one update of a job pending on the event queue. Intermediate progress values may
 * be skipped; the latest always shows, and a finished job's final progress is applied with (in the same
 * update as) its final status. Property change events are fired on the EDT only, after every property of
 * the update has its new value; read the getters on the EDT only.
 *
 * <p><b>Progress.</b> {@link #getProgress()} is the fraction done (0..1) when the job's progress tells it,
 * {@link #INDETERMINATE} (-1) while a running job reports progress of unknown extent (or none yet), 0 for a
 * waiting job that has no fraction, and 1 for a completed job. A failed or cancelled job keeps the fraction it
 * reached. The texts always show the last value the job reported.
 *
 * <p><b>Actions.</b> {@link #pauseAction()}, {@link #resumeAction()}, {@link #cancelAction()} and
 * {@link #retryAction()} are {@link javax.swing.Action}s enabled only when legal for the job's status; see
 * {@link JobAction}.
 *
 * <p>Jobs of a {@link JobsTableModel} are created and closed by the model. A job obtained with
 * {@link #of(Library, String)} listens to the engine until {@link #close() closed}.
 */
public final class SwingJob implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SwingJob.class.getName());

    /** The value of {@link #getProgress()} while progress is of unknown extent (-1). */
    public static final double INDETERMINATE = -1;

    /** Property {@link #getStatus()}. */
    public static final String STATUS = "status";
    /** Property {@link #getStatusText()}. */
    public static final String STATUS_TEXT = "statusText";
    /** Property {@link #getRawProgress()}. */
    public static final String RAW_PROGRESS = "rawProgress";
    /** Property {@link #getProgress()}. */
    public static final String PROGRESS = "progress";
    /** Property {@link #getMessage()}. */
    public static final String MESSAGE = "message";
    /** Property {@link #getPhase()}. */
    public static final String PHASE = "phase";
    /** Property {@link #getDone()}. */
    public static final String DONE = "done";
    /** Property {@link #getTotal()}. */
    public static final String TOTAL = "total";
    /** Property {@link #getEta()}. */
    public static final String ETA = "eta";
    /** Property {@link #getEtaText()}. */
    public static final String ETA_TEXT = "etaText";
    /** Property {@link #getNonCriticalErrors()}. */
    public static final String NON_CRITICAL_ERRORS = "nonCriticalErrors";
    /** Property {@link #getStalledFor()}. */
    public static final String STALLED_FOR = "stalledFor";
    /** Property {@link #getError()}. */
    public static final String ERROR = "error";
    /** Property {@link #getInfo()}. */
    public static final String INFO = "info";
    /** Property {@link #getNote()}. */
    public static final String NOTE = "note";
    /** Property {@link #getParentId()}. */
    public static final String PARENT_ID = "parentId";
    /** Property {@link #getRetryHandler()}. */
    public static final String RETRY_HANDLER = "retryHandler";
    /** Property {@link #isBusy(JobAction.Kind)}: fired when an action's call starts or ends. */
    public static final String BUSY = "busy";
    /** Property fired when a pause or cancel was asked of the running job and is pending, or no longer. */
    public static final String PENDING_REQUEST = "pendingRequest";

    private final Library library;
    private final String id;
    private final String name;
    private final JobsTableModel owner;
    private final InfoLoader infoLoader;
    private final FrameBatcher batcher;
    private final ZoneId zone = ZoneId.systemDefault();
    private final PropertyChangeSupport changes = new PropertyChangeSupport(this);
    private volatile Subscription subscription;

    // EDT state
    private JobStatus status;
    private String statusText = "";
    private Progress rawProgress;
    private double progress;
    private String message = "";
    private String phase = "";
    private long done = -1;
    private long total = -1;
    private Duration eta;
    private String etaText = "";
    private int nonCriticalErrors;
    private Duration stalledFor;
    private ErrorRecord error;
    private JobInfo info;
    private String note = "";
    private String parentId;
    private Request request;
    private Consumer<JobInfo> retryHandler;
    private Consumer<Throwable> commandErrorHandler;
    private final Set<JobAction.Kind> busy = EnumSet.noneOf(JobAction.Kind.class);
    private final EtaEstimator etaEstimator = new EtaEstimator();
    private long statusGeneration;
    private long applyCount;
    private JobAction pause;
    private JobAction resume;
    private JobAction cancel;
    private JobAction retry;

    // Merged into atomically by any thread, taken whole (leaving EMPTY) on the EDT at the next frame.
    private final AtomicReference<PendingUpdate> pending = new AtomicReference<>(PendingUpdate.EMPTY);
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final FrameBatcher.Task applyTask = nanos -> {
        dirty.set(false); // before taking the state: a later event queues the task again
        apply(nanos);
    };

    SwingJob(Library library, String id, String name, JobsTableModel owner, InfoLoader infoLoader,
            FrameBatcher batcher) {
        this.library = Objects.requireNonNull(library, "library");
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.owner = owner;
        this.infoLoader = infoLoader;
        this.batcher = batcher;
    }

    /**
     * Observes one job of an open library, active or finished. Called on the EDT, the properties are filled
     * in at once; from another thread they are filled in at the next frame. Close it when done to stop
     * listening.
     *
     * @throws JobNotFoundException if the library has no job with that id, active or finished
     */
    public static SwingJob of(Library library, String id) {
        JobInfo first = library.job(id).orElseThrow(() -> new JobNotFoundException(id));
        SwingJob job = new SwingJob(library, id, first.name(), null, new InfoLoader(library), FrameBatcher.shared());
        BufferedListener listener = new BufferedListener(job::offer);
        job.subscription = library.handle(id).orElseThrow(() -> new JobNotFoundException(id)).subscribe(listener);
        // the snapshot is read after subscribing: no event is missed, older ones only repeat it
        JobInfo snapshot = library.job(id).orElse(first);
        if (SwingUtilities.isEventDispatchThread()) {
            job.showInitial(snapshot);
        } else {
            job.offerInfo(snapshot, true);
        }
        listener.release();
        return job;
    }

    // ---------------------------------------------------------------- identity

    /** The job's id. Any thread. */
    public String id() {
        return id;
    }

    /** The job's type name. Any thread. */
    public String name() {
        return name;
    }

    /** The library the job belongs to. Any thread. */
    public Library library() {
        return library;
    }

    // ---------------------------------------------------------------- listeners

    /** Adds a listener for every property; it is called on the EDT. */
    public void addPropertyChangeListener(PropertyChangeListener listener) {
        changes.addPropertyChangeListener(listener);
    }

    /** Adds a listener for one property (one of this class's constants); it is called on the EDT. */
    public void addPropertyChangeListener(String property, PropertyChangeListener listener) {
        changes.addPropertyChangeListener(property, listener);
    }

    /** Removes a listener added with {@link #addPropertyChangeListener(PropertyChangeListener)}. */
    public void removePropertyChangeListener(PropertyChangeListener listener) {
        changes.removePropertyChangeListener(listener);
    }

    /** Removes a listener added for one property. */
    public void removePropertyChangeListener(String property, PropertyChangeListener listener) {
        changes.removePropertyChangeListener(property, listener);
    }

    // ---------------------------------------------------------------- properties (EDT)

    /** The job's status; null only until the first update of a job created off the EDT. */
    public JobStatus getStatus() {
        return status;
    }

    /**
     * The status for people: {@code Queued}, {@code Running}, {@code Pausing…} (a pause was asked and the job
     * has not reached its next check yet), {@code Paused}, {@code Cancelling…}, {@code Completed},
     * {@code Failed}, {@code Cancelled}.
     */
    public String getStatusText() {
        return statusText;
    }

    /** The latest progress value as reported by the job (null before any). */
    public Progress getRawProgress() {
        return rawProgress;
    }

    /** The fraction done, 0..1, or {@link #INDETERMINATE}; see the class comment for the rules. */
    public double getProgress() {
        return progress;
    }

    /**
     * The progress as text: {@code 40 / 300}, {@code 1.2 MB / 3.4 MB}, {@code 42%}, {@code process 30 / 60}
     * or the job's message.
     */
    public String getMessage() {
        return message;
    }

    /** The current phase's name for phase progress, otherwise empty. */
    public String getPhase() {
        return phase;
    }

    /** Items (or bytes) done, from count, byte or phase progress; -1 when not known. */
    public long getDone() {
        return done;
    }

    /** Items (or bytes) in all; -1 when not known. */
    public long getTotal() {
        return total;
    }

    /**
     * The estimated time left while running, from the rate of progress over the last 30 seconds; null when
     * there is no estimate (not running, unknown extent, or less than a second of progress seen).
     */
    public Duration getEta() {
        return eta;
    }

    /** {@link #getEta()} as text ({@code 12 s}, {@code 3 min 5 s}); empty when there is none. */
    public String getEtaText() {
        return etaText;
    }

    /** How many non-critical errors the job has recorded. */
    public int getNonCriticalErrors() {
        return nonCriticalErrors;
    }

    /**
     * How long a running job had been quiet when the engine's stall watchdog fired
     * ({@link dev.stint.Library.Builder#stallTimeout}); null again at its next progress or status change.
     */
    public Duration getStalledFor() {
        return stalledFor;
    }

    /** The error of a failed or cancelled job, otherwise null. */
    public ErrorRecord getError() {
        return error;
    }

    /**
     * The job's stored record as last read: attempts, run-at, stop reason, parent, timings. It is read when
     * the job is first seen and again after each status change (one read by id, off the EDT), never polled.
     * Its status may lag behind {@link #getStatus()}.
     */
    public JobInfo getInfo() {
        return info;
    }

    /**
     * A one-line note for people: {@code starts at 14:02:10}, {@code attempt 2 of 4 at 14:02:11},
     * {@code interrupted (shutdown), resumes by itself}, {@code resumed after shutdown},
     * {@code paused: stays paused until resumed}, the error of a failed job, a pending pause or cancel, and
     * the count of non-critical errors.
     */
    public String getNote() {
        return note;
    }

    /** The id of the job that spawned this one, or null. */
    public String getParentId() {
        return parentId;
    }

    /** Whether the call of an action of this kind is under way for the job. */
    public boolean isBusy(JobAction.Kind kind) {
        return busy.contains(kind);
    }

    /**
     * What {@link #retryAction()} calls, on a background thread, with the job's stored record; null (the
     * default) disables retry. Jobs of a {@link JobsTableModel} follow the model's handler.
     */
    public Consumer<JobInfo> getRetryHandler() {
        return retryHandler;
    }

    /** Sets the {@link #getRetryHandler() retry handler}. EDT. */
    public void setRetryHandler(Consumer<JobInfo> handler) {
        Consumer<JobInfo> old = retryHandler;
        retryHandler = handler;
        changes.firePropertyChange(RETRY_HANDLER, old, handler);
    }

    /**
     * Receives, on the EDT, the exception of an action whose call failed (for example pausing a job that
     * finished meanwhile); null (the default) logs it. Jobs of a {@link JobsTableModel} follow the model's.
     */
    public void setCommandErrorHandler(Consumer<Throwable> handler) {
        commandErrorHandler = handler;
    }

    /** Pauses the job: enabled while it is queued or running (and no pause is pending). */
    public JobAction pauseAction() {
        if (pause == null) {
            pause = new JobAction(JobAction.Kind.PAUSE, this);
        }
        return pause;
    }

    /** Resumes the job: enabled while it is paused. */
    public JobAction resumeAction() {
        if (resume == null) {
            resume = new JobAction(JobAction.Kind.RESUME, this);
        }
        return resume;
    }

    /** Cancels the job: enabled while it is queued, running or paused (and no cancel is pending). */
    public JobAction cancelAction() {
        if (cancel == null) {
            cancel = new JobAction(JobAction.Kind.CANCEL, this);
        }
        return cancel;
    }

    /** Hands a failed or cancelled job to the {@link #getRetryHandler() retry handler}. */
    public JobAction retryAction() {
        if (retry == null) {
            retry = new JobAction(JobAction.Kind.RETRY, this);
        }
        return retry;
    }

    /** Stops listening to the engine (for jobs from {@link #of}; a model's jobs stop with the model). */
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
        return "SwingJob[" + id + " " + name + " " + status + "]";
    }

    // ---------------------------------------------------------------- package: the model, the actions, tests

    long statusGeneration() {
        return statusGeneration;
    }

    /** How many times pending state was applied on the EDT (tests). */
    long applyCount() {
        return applyCount;
    }

    Request pendingRequest() {
        return request;
    }

    /** Whether an action of this kind is legal now (EDT). */
    boolean allows(JobAction.Kind kind) {
        if (status == null || busy.contains(kind)) {
            return false;
        }
        return switch (kind) {
            case PAUSE -> (status == JobStatus.QUEUED || status == JobStatus.RUNNING) && request == null;
            case RESUME -> status == JobStatus.PAUSED;
            case CANCEL -> !status.isTerminal() && request != Request.CANCEL;
            case RETRY -> (status == JobStatus.FAILED || status == JobStatus.CANCELLED) && retryHandler != null;
        };
    }

    void setBusy(JobAction.Kind kind, boolean on) {
        boolean changed = on ? busy.add(kind) : busy.remove(kind);
        if (changed) {
            changes.firePropertyChange(BUSY, null, kind);
        }
    }

    /** After a successful pause or cancel call: show it as pending until the status changes (EDT). */
    void requestPending(Request r, long generationAtCall) {
        if (statusGeneration == generationAtCall && status == JobStatus.RUNNING) {
            Request old = request;
            request = r;
            Fired fired = new Fired();
            refreshTexts(fired);
            fired.fire();
            changes.firePropertyChange(PENDING_REQUEST, old, r);
            notifyOwner();
        }
    }

    void reportCommandError(JobAction action, Throwable t) {
        Consumer<Throwable> handler = commandErrorHandler != null ? commandErrorHandler
                : owner != null ? owner.commandErrorHandler() : null;
        if (handler != null) {
            handler.accept(t);
        } else {
            LOG.log(System.Logger.Level.WARNING, action.kind().text() + " " + name + " " + id + " failed", t);
        }
    }

    // ---------------------------------------------------------------- any thread: record pending state

    /** Records an engine event (any thread). */
    void offer(JobEvent event) {
        pending.getAndUpdate(p -> p.with(event));
        markDirty();
        if (event instanceof JobEvent.StatusChanged && infoLoader != null) {
            infoLoader.request(id, record -> offerInfo(record, false));
        }
    }

    /** Records a stored record read from the library (any thread); {@code initial} also takes its status. */
    void offerInfo(JobInfo record, boolean initial) {
        pending.getAndUpdate(p -> p.withInfo(record, initial));
        markDirty();
    }

    /** Shows the first record at once (EDT), without waiting for a frame. */
    void showInitial(JobInfo record) {
        pending.getAndUpdate(p -> p.withInfo(record, true));
        apply(System.nanoTime());
    }

    private void markDirty() {
        if (dirty.compareAndSet(false, true)) {
            batcher.submit(applyTask);
        }
    }

    // ---------------------------------------------------------------- EDT: apply

    /** The changes of one update, fired together once every property has its new value. */
    private final class Fired {
        private final java.util.List<Object[]> list = new java.util.ArrayList<>();

        <T> T set(String property, T old, T now) {
            if (!Objects.equals(old, now)) {
                list.add(new Object[] {property, old, now});
            }
            return now;
        }

        void fire() {
            for (Object[] c : list) {
                changes.firePropertyChange((String) c[0], c[1], c[2]);
            }
        }

        boolean any() {
            return !list.isEmpty();
        }
    }

    private void apply(long nanos) {
        PendingUpdate u = pending.getAndSet(PendingUpdate.EMPTY);
        JobInfo newInfo = u.info();
        Progress newProgress = u.progress(); // or the record's, below
        applyCount++;
        Fired fired = new Fired();
        Request requestBefore = request;
        boolean finished = false;
        if (newInfo != null) {
            info = fired.set(INFO, info, newInfo);
            if (u.initial() && u.status() == null) {
                finished |= setStatus(newInfo.status(), fired);
                if (newInfo.error() != null) {
                    error = fired.set(ERROR, error, newInfo.error());
                }
            }
            if (newProgress == null && (rawProgress == null || u.initial())) {
                newProgress = newInfo.progress();
            }
            if (newInfo.status().isTerminal() && newInfo.error() != null && error == null) {
                error = fired.set(ERROR, null, newInfo.error());
            }
            nonCriticalErrors = fired.set(NON_CRITICAL_ERRORS, nonCriticalErrors,
                    Math.max(nonCriticalErrors, newInfo.nonCriticalErrors().size()));
            parentId = fired.set(PARENT_ID, parentId, newInfo.parentId());
        }
        if (u.status() != null) {
            if (u.error() != null) {
                error = fired.set(ERROR, error, u.error());
            }
            finished |= setStatus(u.status(), fired);
        }
        if (u.statusChanges() > 0) {
            etaEstimator.reset();
        }
        if (u.nonCritical() > 0) {
            nonCriticalErrors = fired.set(NON_CRITICAL_ERRORS, nonCriticalErrors, nonCriticalErrors + u.nonCritical());
        }
        if (newProgress != null) {
            rawProgress = fired.set(RAW_PROGRESS, rawProgress, newProgress);
        }
        if (u.stalledSet()) {
            stalledFor = fired.set(STALLED_FOR, stalledFor, u.stalled());
        }
        refreshProgress(nanos, newProgress != null || u.statusChanges() > 0, fired);
        refreshTexts(fired);
        fired.fire();
        if (request != requestBefore) {
            changes.firePropertyChange(PENDING_REQUEST, requestBefore, request);
        }
        if (fired.any()) {
            notifyOwner();
        }
        if (finished && owner != null) {
            owner.jobFinished(this);
        }
    }

    private void notifyOwner() {
        if (owner != null) {
            owner.jobChanged(this);
        }
    }

    /** Sets the status; returns whether the job just reached a terminal status. */
    private boolean setStatus(JobStatus s, Fired fired) {
        statusGeneration++;
        request = null;
        if (s != status) {
            status = fired.set(STATUS, status, s);
            return s.isTerminal();
        }
        return false;
    }

    private void refreshProgress(long nanos, boolean changed, Fired fired) {
        Progress p = rawProgress;
        OptionalDouble fraction = p == null ? OptionalDouble.empty() : p.fraction();
        double value;
        if (status == JobStatus.COMPLETED) {
            value = 1.0; // done is done, whatever the last report said (a parent's roll-up may lag)
        } else if (fraction.isPresent()) {
            value = fraction.getAsDouble();
        } else if (status == JobStatus.RUNNING) {
            value = INDETERMINATE;
        } else {
            value = 0.0;
        }
        progress = fired.set(PROGRESS, progress, value);
        message = fired.set(MESSAGE, message, Texts.progress(p));
        phase = fired.set(PHASE, phase, p instanceof Progress.Phase ph ? ph.name() : "");
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
        done = fired.set(DONE, done, d);
        total = fired.set(TOTAL, total, t);
        if (status != JobStatus.RUNNING || fraction.isEmpty()) {
            etaEstimator.reset();
            eta = fired.set(ETA, eta, null);
        } else if (changed) {
            eta = fired.set(ETA, eta, etaEstimator.update(nanos, fraction.getAsDouble()));
        }
        etaText = fired.set(ETA_TEXT, etaText, Texts.duration(eta));
    }

    private void refreshTexts(Fired fired) {
        statusText = fired.set(STATUS_TEXT, statusText, Texts.status(status, request));
        note = fired.set(NOTE, note, Texts.note(status, info, request, stalledFor, nonCriticalErrors, error,
                Instant.now(), zone));
    }
}
