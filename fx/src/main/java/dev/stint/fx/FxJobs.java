package dev.stint.fx;

import dev.stint.JobEvent;
import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Subscription;
import dev.stint.fx.internal.BufferedListener;
import dev.stint.fx.internal.PulseBatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The jobs of a library as an observable list of {@link FxJob}s, active ones and the most recent finished
 * ones, kept in sync with the engine's events:
 *
 * <pre>{@code
 * FxJobs jobs = new FxJobs(library);
 * listView.setItems(jobs.all());
 * }</pre>
 *
 * <p>It loads the library's jobs once, a page at a time and never more than it shows: every running job,
 * the oldest {@code waitingLimit} waiting ones (queued or paused; {@value #DEFAULT_WAITING_LIMIT} unless
 * given) and the {@code historyLimit} most recent finished ones ({@link Library#history(int)}). Then it
 * follows events: a dispatched job appears (its {@code StatusChanged} with {@code from == null}), and so
 * does a waiting job left out of the first load when its status changes (it starts, is paused or resumed);
 * status and progress change in place, finished jobs stay until more than {@code historyLimit} finished
 * jobs are shown (the oldest go first). The database is not polled; the only reads after the first load are
 * one read of a job's record after each of its status changes, off the FX thread, to show attempts, run-at
 * times, errors and the parent.
 *
 * <p>Jobs are grouped under their parent by {@link JobInfo#parentId()}: {@link #roots()} holds jobs
 * without a parent (or whose parent is not shown), each job's {@link FxJob#children()} its children;
 * {@link #all()} holds every job, in dispatch order.
 *
 * <p>Create it on the FX application thread; the lists change only on that thread (at most once per pulse
 * for any number of events). Close it to stop listening before or after closing the library.
 */
public final class FxJobs implements AutoCloseable {
    /** The default number of finished jobs shown. */
    public static final int DEFAULT_HISTORY_LIMIT = 100;
    /** The default number of waiting (queued or paused) jobs the first load shows. */
    public static final int DEFAULT_WAITING_LIMIT = 1_000;
    private static final int PAGE_SIZE = 500;

    private final Library library;
    private final int historyLimit;
    private final int waitingLimit;
    private final PulseBatcher batcher;
    private final InfoLoader infoLoader;
    private final ObservableList<FxJob> all = FXCollections.observableArrayList();
    private final ObservableList<FxJob> allView = FXCollections.unmodifiableObservableList(all);
    private final ObservableList<FxJob> roots = FXCollections.observableArrayList();
    private final ObservableList<FxJob> rootsView = FXCollections.unmodifiableObservableList(roots);
    private final Map<String, FxJob> byId = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<FxJob> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean structureDirty = new AtomicBoolean();
    private final PulseBatcher.Task structureTask = now -> applyStructure();
    private final ObjectProperty<Consumer<JobInfo>> retryHandler = new SimpleObjectProperty<>(this, "retryHandler");
    private final ObjectProperty<Consumer<Throwable>> commandErrorHandler =
            new SimpleObjectProperty<>(this, "commandErrorHandler");
    private final Subscription subscription;
    private volatile boolean closed;

    /** The library's jobs with the last {@value #DEFAULT_HISTORY_LIMIT} finished ones. FX thread only. */
    public FxJobs(Library library) {
        this(library, DEFAULT_HISTORY_LIMIT);
    }

    /**
     * The library's jobs with at most {@code historyLimit} finished ones (oldest dropped first). FX thread
     * only.
     *
     * @throws IllegalStateException if not called on the JavaFX application thread
     */
    public FxJobs(Library library, int historyLimit) {
        this(library, historyLimit, DEFAULT_WAITING_LIMIT);
    }

    /**
     * The library's jobs with at most {@code historyLimit} finished ones (oldest dropped first), and at first
     * at most {@code waitingLimit} waiting ones (queued or paused, the oldest first; the others appear when
     * their status changes). FX thread only.
     *
     * @throws IllegalStateException if not called on the JavaFX application thread
     */
    public FxJobs(Library library, int historyLimit, int waitingLimit) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("create FxJobs on the JavaFX application thread");
        }
        if (historyLimit < 0) {
            throw new IllegalArgumentException("historyLimit must be >= 0, was " + historyLimit);
        }
        this.library = Objects.requireNonNull(library, "library");
        if (waitingLimit < 0) {
            throw new IllegalArgumentException("waitingLimit must be >= 0, was " + waitingLimit);
        }
        this.historyLimit = historyLimit;
        this.waitingLimit = waitingLimit;
        this.batcher = PulseBatcher.shared();
        this.infoLoader = new InfoLoader(library);
        BufferedListener listener = new BufferedListener(this::onEvent);
        this.subscription = library.subscribe(listener);
        // subscribed before reading: every later change arrives as an event (earlier ones are replayed harmlessly)
        load();
        listener.release();
    }

    /** The library. */
    public Library library() {
        return library;
    }

    /** Every job shown, in dispatch order. Read-only; changes on the FX thread. */
    public ObservableList<FxJob> all() {
        return allView;
    }

    /** Jobs without a parent (or whose parent is not shown), in dispatch order. Read-only. */
    public ObservableList<FxJob> roots() {
        return rootsView;
    }

    /** The job with this id, if shown. */
    public Optional<FxJob> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The retry handler every job of the list uses (see {@link FxJob#retryHandlerProperty()}): called on a
     * background thread with a failed or cancelled job's record; null disables retry.
     */
    public ObjectProperty<Consumer<JobInfo>> retryHandlerProperty() {
        return retryHandler;
    }

    /** Sets the {@link #retryHandlerProperty() retry handler}. */
    public void setRetryHandler(Consumer<JobInfo> handler) {
        retryHandler.set(handler);
    }

    /** Receives failed commands' exceptions on the FX thread (see {@link FxJob#commandErrorHandlerProperty()}). */
    public ObjectProperty<Consumer<Throwable>> commandErrorHandlerProperty() {
        return commandErrorHandler;
    }

    /** Stops following the library. The lists keep their last state. */
    @Override
    public void close() {
        closed = true;
        subscription.close();
        infoLoader.close();
    }

    // ---------------------------------------------------------------- loading (FX thread)

    private void load() {
        Map<String, JobInfo> records = new LinkedHashMap<>();
        // running jobs are as many as the queues run at once; waiting ones may be any number: the oldest only
        loadPages(JobQuery.all().withStatus(JobStatus.RUNNING), Integer.MAX_VALUE, records);
        loadPages(JobQuery.all().withStatus(JobStatus.QUEUED, JobStatus.PAUSED), waitingLimit, records);
        for (JobInfo finished : library.history(historyLimit)) {
            records.put(finished.id(), finished); // a job that finished between the reads: its latest record
        }
        List<JobInfo> ordered = new ArrayList<>(records.values());
        ordered.sort(Comparator.comparing(JobInfo::createdAt).thenComparing(JobInfo::id));
        List<FxJob> jobs = new ArrayList<>(ordered.size());
        for (JobInfo record : ordered) {
            FxJob job = newJob(record.id(), record.name());
            attach(job);
            byId.put(job.id(), job);
            job.showInitial(record);
            jobs.add(job);
        }
        all.setAll(jobs);
        List<FxJob> top = new ArrayList<>();
        for (FxJob job : jobs) {
            FxJob parent = parentOf(job);
            if (parent != null) {
                parent.mutableChildren().add(job);
            } else {
                top.add(job);
            }
        }
        roots.setAll(top);
        trimHistory();
    }

    /** Up to {@code max} jobs of {@code query} in dispatch order, read a page at a time. */
    private void loadPages(JobQuery query, int max, Map<String, JobInfo> records) {
        JobInfo last = null;
        for (int left = max; left > 0; ) {
            int size = Math.min(PAGE_SIZE, left);
            JobQuery page = query.page(0, size);
            List<JobInfo> jobs = library.query(last == null ? page : page.after(last));
            jobs.forEach(job -> records.put(job.id(), job));
            if (jobs.size() < size) {
                return;
            }
            left -= size;
            last = jobs.get(size - 1);
        }
    }

    private FxJob newJob(String id, String name) {
        return new FxJob(library, id, name, this, infoLoader, batcher);
    }

    /** Makes the job follow the list's handlers (FX thread: the handlers' properties are the list's). */
    private void attach(FxJob job) {
        job.retryHandlerProperty().bind(retryHandler);
        job.commandErrorHandlerProperty().bind(commandErrorHandler);
    }

    // ---------------------------------------------------------------- events (event thread)

    /** Handles one engine event (the library's event thread, or the FX thread while loading). */
    void onEvent(JobEvent event) {
        if (closed) {
            return;
        }
        FxJob job = byId.get(event.jobId());
        if (job == null) {
            if (!(event instanceof JobEvent.StatusChanged)) {
                return; // a job no longer shown
            }
            FxJob created = newJob(event.jobId(), event.jobName());
            job = byId.putIfAbsent(created.id(), created);
            if (job == null) {
                job = created;
                arrivals.add(created);
                if (structureDirty.compareAndSet(false, true)) {
                    batcher.submit(structureTask);
                }
            }
        }
        job.offer(event);
    }

    // ---------------------------------------------------------------- structure (FX thread)

    private void applyStructure() {
        structureDirty.set(false);
        FxJob job;
        while ((job = arrivals.poll()) != null) {
            if (byId.get(job.id()) != job) {
                continue;
            }
            attach(job);
            all.add(job);
            FxJob parent = parentOf(job);
            if (parent != null) {
                parent.mutableChildren().add(job);
            } else {
                roots.add(job);
            }
            adoptOrphans(job);
        }
        trimHistory();
    }

    /** A job's parent id became known or changed (FX thread). */
    void parentChanged(FxJob job) {
        if (!all.contains(job)) {
            return; // not placed yet: placed with its parent when it arrives
        }
        detach(job);
        FxJob parent = parentOf(job);
        if (parent != null) {
            insertInOrder(parent.mutableChildren(), job);
        } else {
            insertInOrder(roots, job);
        }
    }

    /** A job reached a terminal status (FX thread). */
    void jobFinished(FxJob job) {
        if (structureDirty.compareAndSet(false, true)) {
            batcher.submit(structureTask);
        }
    }

    private FxJob parentOf(FxJob job) {
        String parentId = job.parentIdProperty().get();
        if (parentId == null) {
            return null;
        }
        FxJob parent = byId.get(parentId);
        return parent != null && parent != job && all.contains(parent) ? parent : null;
    }

    private void adoptOrphans(FxJob parent) {
        for (FxJob root : List.copyOf(roots)) {
            if (parent.id().equals(root.parentIdProperty().get())) {
                roots.remove(root);
                insertInOrder(parent.mutableChildren(), root);
            }
        }
    }

    private void detach(FxJob job) {
        if (!roots.remove(job)) {
            for (FxJob other : all) {
                if (other.mutableChildren().remove(job)) {
                    break;
                }
            }
        }
    }

    private void insertInOrder(ObservableList<FxJob> list, FxJob job) {
        int at = all.indexOf(job);
        int i = 0;
        while (i < list.size() && all.indexOf(list.get(i)) < at) {
            i++;
        }
        list.add(i, job);
    }

    private void trimHistory() {
        long finished = roots.stream().filter(FxJobs::finished).count();
        while (finished > historyLimit) {
            FxJob oldest = roots.stream().filter(FxJobs::finished).findFirst().orElseThrow();
            remove(oldest);
            finished--;
        }
    }

    private static boolean finished(FxJob job) {
        return job.getStatus() != null && job.getStatus().isTerminal();
    }

    private void remove(FxJob job) {
        for (FxJob child : List.copyOf(job.children())) {
            remove(child);
        }
        detach(job);
        all.remove(job);
        byId.remove(job.id(), job);
        job.retryHandlerProperty().unbind();
        job.commandErrorHandlerProperty().unbind();
    }

    /** Tests: how many times a job's pending state was applied. */
    static long applyCount(FxJob job) {
        return job.applyCount();
    }
}
