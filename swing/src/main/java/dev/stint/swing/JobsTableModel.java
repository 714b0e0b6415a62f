package dev.stint.swing;

import dev.stint.JobEvent;
import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Subscription;
import dev.stint.swing.internal.BufferedListener;
import dev.stint.swing.internal.FrameBatcher;
import dev.stint.swing.internal.InfoLoader;
import java.util.ArrayList;
import java.util.Collections;
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
import javax.swing.SwingUtilities;
import javax.swing.table.AbstractTableModel;

/**
 * The jobs of a library as a {@link javax.swing.table.TableModel}, one row per {@link SwingJob}, active ones
 * and the most recent finished ones, kept in sync with the engine's events:
 *
 * <pre>{@code
 * JobsTableModel jobs = new JobsTableModel(library);
 * JTable table = new JTable(jobs);
 * }</pre>
 *
 * <p>It loads the library's jobs once, a page at a time and never more than it shows: every running job,
 * the oldest {@code waitingLimit} waiting ones (queued or paused; {@value #DEFAULT_WAITING_LIMIT} unless
 * given) and the {@code historyLimit} most recent finished ones ({@link Library#history(int)}). Then it
 * follows events: a dispatched job appears as a new last row (its {@code StatusChanged} with
 * {@code from == null}), and so does a waiting job left out of the first load when its status changes (it
 * starts, is paused or resumed); status and progress change in place ({@code fireTableRowsUpdated}),
 * finished jobs stay until more than {@code historyLimit} finished jobs are shown (the oldest go first). The
 * database is not polled; the only reads after the first load are one read of a job's record after each of
 * its status changes, off the event dispatch thread, to show attempts, run-at times, errors and the parent.
 *
 * <p>Rows are in dispatch order; a child job's name is shown as {@code ↳ name}. The columns are
 * {@link #NAME_COLUMN} (text), {@link #PROGRESS_COLUMN} (the {@link SwingJob} itself, drawn by a
 * {@link JobProgressRenderer}), {@link #STATUS_COLUMN}, {@link #ETA_COLUMN} and {@link #NOTE_COLUMN}
 * (text).
 *
 * <p>Create it on the event dispatch thread (EDT); it changes only on the EDT, at most once per frame for
 * any number of events. Close it to stop listening before or after closing the library.
 */
public final class JobsTableModel extends AbstractTableModel implements AutoCloseable {
    private static final long serialVersionUID = 1L;

    /** The default number of finished jobs shown. */
    public static final int DEFAULT_HISTORY_LIMIT = 100;
    /** The default number of waiting (queued or paused) jobs the first load shows. */
    public static final int DEFAULT_WAITING_LIMIT = 1_000;
    /** The job's type name ({@code ↳ name} for a child job). */
    public static final int NAME_COLUMN = 0;
    /** The {@link SwingJob}: its progress bar and progress text. */
    public static final int PROGRESS_COLUMN = 1;
    /** {@link SwingJob#getStatusText()}. */
    public static final int STATUS_COLUMN = 2;
    /** {@link SwingJob#getEtaText()}. */
    public static final int ETA_COLUMN = 3;
    /** {@link SwingJob#getNote()}. */
    public static final int NOTE_COLUMN = 4;
    private static final String[] COLUMN_NAMES = {"Job", "Progress", "Status", "Time left", "Details"};
    private static final int PAGE_SIZE = 500;

    private final transient Library library;
    private final int historyLimit;
    private final int waitingLimit;
    private final transient FrameBatcher batcher;
    private final transient InfoLoader infoLoader;
    private final transient List<SwingJob> rows = new ArrayList<>();
    private final transient Map<String, SwingJob> byId = new ConcurrentHashMap<>();
    private final transient ConcurrentLinkedQueue<SwingJob> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean structureDirty = new AtomicBoolean();
    private final transient FrameBatcher.Task structureTask = now -> applyStructure();
    private transient Consumer<JobInfo> retryHandler;
    private transient Consumer<Throwable> commandErrorHandler;
    private final transient Subscription subscription;
    private volatile boolean closed;

    /** The library's jobs with the last {@value #DEFAULT_HISTORY_LIMIT} finished ones. EDT only. */
    public JobsTableModel(Library library) {
        this(library, DEFAULT_HISTORY_LIMIT);
    }

    /**
     * The library's jobs with at most {@code historyLimit} finished ones (oldest dropped first). EDT only.
     *
     * @throws IllegalStateException if not called on the event dispatch thread
     */
    public JobsTableModel(Library library, int historyLimit) {
        this(library, historyLimit, DEFAULT_WAITING_LIMIT);
    }

    /**
     * The library's jobs with at most {@code historyLimit} finished ones (oldest dropped first), and at first
     * at most {@code waitingLimit} waiting ones (queued or paused, the oldest first; the others appear when
     * their status changes). EDT only.
     *
     * @throws IllegalStateException if not called on the event dispatch thread
     * @throws IllegalArgumentException if a limit is negative
     */
    public JobsTableModel(Library library, int historyLimit, int waitingLimit) {
        if (!SwingUtilities.isEventDispatchThread()) {
            throw new IllegalStateException("create JobsTableModel on the event dispatch thread");
        }
        if (historyLimit < 0) {
            throw new IllegalArgumentException("historyLimit must be >= 0, was " + historyLimit);
        }
        if (waitingLimit < 0) {
            throw new IllegalArgumentException("waitingLimit must be >= 0, was " + waitingLimit);
        }
        this.library = Objects.requireNonNull(library, "library");
        this.historyLimit = historyLimit;
        this.waitingLimit = waitingLimit;
        this.batcher = FrameBatcher.shared();
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

    // ---------------------------------------------------------------- TableModel (EDT)

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return COLUMN_NAMES.length;
    }

    @Override
    public String getColumnName(int column) {
        return COLUMN_NAMES[column];
    }

    @Override
    public Class<?> getColumnClass(int column) {
        return column == PROGRESS_COLUMN ? SwingJob.class : String.class;
    }

    @Override
    public Object getValueAt(int row, int column) {
        SwingJob job = rows.get(row);
        return switch (column) {
            case NAME_COLUMN -> job.getParentId() != null ? "↳ " + job.name() : job.name();
            case PROGRESS_COLUMN -> job;
            case STATUS_COLUMN -> job.getStatusText();
            case ETA_COLUMN -> job.getEtaText();
            case NOTE_COLUMN -> job.getNote();
            default -> throw new IndexOutOfBoundsException("no column " + column);
        };
    }

    /** The job of a row. */
    public SwingJob getJob(int row) {
        return rows.get(row);
    }

    /** The row of a job, or -1 when it is not shown. */
    public int rowOf(SwingJob job) {
        return rows.indexOf(job);
    }

    /** Every job shown, in row order (a copy). */
    public List<SwingJob> jobs() {
        return Collections.unmodifiableList(new ArrayList<>(rows));
    }

    /** The job with this id, if it has arrived (it may not have a row until the next frame). Any thread. */
    public Optional<SwingJob> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The retry handler every job of the model uses (see {@link SwingJob#getRetryHandler()}): called on a
     * background thread with a failed or cancelled job's record; null disables retry. EDT.
     */
    public void setRetryHandler(Consumer<JobInfo> handler) {
        retryHandler = handler;
        rows.forEach(job -> job.setRetryHandler(handler));
    }

    /** The retry handler, or null. */
    public Consumer<JobInfo> getRetryHandler() {
        return retryHandler;
    }

    /**
     * Receives the exceptions of failed actions on the EDT (see {@link SwingJob#setCommandErrorHandler});
     * null logs them.
     */
    public void setCommandErrorHandler(Consumer<Throwable> handler) {
        commandErrorHandler = handler;
    }

    /** Stops following the library. The rows keep their last state. */
    @Override
    public void close() {
        closed = true;
        subscription.close();
        infoLoader.close();
    }

    // ---------------------------------------------------------------- package: jobs and tests

    Consumer<Throwable> commandErrorHandler() {
        return commandErrorHandler;
    }

    /** A job's shown state changed (EDT). */
    void jobChanged(SwingJob job) {
        int row = rows.indexOf(job);
        if (row >= 0) {
            fireTableRowsUpdated(row, row);
        }
    }

    /** A job reached a terminal status (EDT): the history may have grown past its limit. */
    void jobFinished(SwingJob job) {
        if (structureDirty.compareAndSet(false, true)) {
            batcher.submit(structureTask);
        }
    }

    /** Tests: how many times a job's pending state was applied. */
    static long applyCount(SwingJob job) {
        return job.applyCount();
    }

    // ---------------------------------------------------------------- loading (EDT)

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
        for (JobInfo record : ordered) {
            SwingJob job = newJob(record.id(), record.name());
            byId.put(job.id(), job);
            job.showInitial(record);
            rows.add(job);
        }
        trimHistory();
        fireTableDataChanged();
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

    private SwingJob newJob(String id, String name) {
        return new SwingJob(library, id, name, this, infoLoader, batcher);
    }

    // ---------------------------------------------------------------- events (event thread)

    /** Handles one engine event (the library's event thread, or the EDT while loading). */
    void onEvent(JobEvent event) {
        if (closed) {
            return;
        }
        SwingJob job = byId.get(event.jobId());
        if (job == null) {
            if (!(event instanceof JobEvent.StatusChanged)) {
                return; // a job no longer shown
            }
            SwingJob created = newJob(event.jobId(), event.jobName());
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

    // ---------------------------------------------------------------- structure (EDT)

    private void applyStructure() {
        structureDirty.set(false);
        SwingJob job;
        int first = rows.size();
        while ((job = arrivals.poll()) != null) {
            if (byId.get(job.id()) != job) {
                continue;
            }
            job.setRetryHandler(retryHandler);
            rows.add(job);
        }
        if (rows.size() > first) {
            fireTableRowsInserted(first, rows.size() - 1);
        }
        trimHistory();
    }

    private void trimHistory() {
        long finished = rows.stream().filter(JobsTableModel::finished).count();
        while (finished > historyLimit) {
            for (int row = 0; row < rows.size(); row++) {
                SwingJob oldest = rows.get(row);
                if (finished(oldest)) {
                    rows.remove(row);
                    byId.remove(oldest.id(), oldest);
                    fireTableRowsDeleted(row, row);
                    break;
                }
            }
            finished--;
        }
    }

    private static boolean finished(SwingJob job) {
        return job.getStatus() != null && job.getStatus().isTerminal();
    }
}
