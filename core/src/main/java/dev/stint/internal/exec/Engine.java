package dev.stint.internal.exec;

import dev.stint.DispatchOptions;
import dev.stint.ErrorRecord;
import dev.stint.IllegalJobTransitionException;
import dev.stint.InterruptReason;
import dev.stint.InvalidJobArgumentsException;
import dev.stint.Job;
import dev.stint.JobEvent;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobListener;
import dev.stint.JobNotFoundException;
import dev.stint.JobNotResumableException;
import dev.stint.JobPolicy;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.LibraryClosedException;
import dev.stint.StorageException;
import dev.stint.Subscription;
import dev.stint.UniquePolicy;
import dev.stint.UnknownJobTypeException;
import dev.stint.UnknownQueueException;
import dev.stint.internal.codec.CodecException;
import dev.stint.internal.codec.ProgressRecord;
import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.progress.EventBus;
import dev.stint.internal.progress.ProgressCoalescer;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.internal.store.Database;
import dev.stint.internal.store.GroupCommitWriter;
import dev.stint.internal.store.History;
import dev.stint.internal.store.JobReads;
import dev.stint.internal.store.JobRow;
import dev.stint.internal.store.LibraryLock;
import dev.stint.internal.store.QueueStore;
import dev.stint.internal.store.WriteSession;
import dev.stint.spi.JobDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open library: the owner lock, the store, the scheduler, the workers and the event bus. Implements
 * the public {@link Library} interface.
 */
public final class Engine implements Library {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final EngineConfig config;
    private final LibraryLock lock;
    private final Database db;
    private final JobRegistry registry;
    private final StateCodec codec;
    private final EventBus events;
    private final ProgressRollUp rollUp;
    private final CompletionBatcher completions;
    private final Scheduler scheduler;
    private final JobRunner runner;
    private final JobControl control;
    private final RecurringSchedules recurring;
    private final Dispatcher dispatcher;
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Object>> results = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String label;
    private final Timers timers;
    /** Concurrency per queue: the configured ones, plus queues found in jobs.db (1 each, with a warning). */
    private final Map<String, Integer> queueLimits = new ConcurrentHashMap<>();
    private final java.util.Set<String> pausedQueues = ConcurrentHashMap.newKeySet();
    private final RunGate gate;
    private final java.util.concurrent.atomic.AtomicLong armedDue = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
    private volatile Timers.Timer dueTimer;
    private final dev.stint.internal.log.JobLogFiles jobLogFiles;
    private final java.util.concurrent.atomic.AtomicInteger finishedSincePrune = new java.util.concurrent.atomic.AtomicInteger();

    private Engine(EngineConfig config, LibraryLock lock, Database db, JobRegistry registry, StateCodec codec) {
        this.config = config;
        this.lock = lock;
        this.db = db;
        this.registry = registry;
        this.codec = codec;
        this.label = String.valueOf(config.dir().getFileName());
        this.events = new EventBus(label);
        this.runner = new JobRunner(this);
        this.control = new JobControl(this);
        this.recurring = new RecurringSchedules(this);
        this.dispatcher = new Dispatcher(this);
        this.timers = new Timers(config.clock(), label);
        this.completions = new CompletionBatcher(this, db.writer());
        this.rollUp = new ProgressRollUp(db, events::publishNow);
        this.events.setInternalListener(rollUp);
        db.read(JobReads::activeChildren).forEach(this::trackChild);
        this.jobLogFiles = config.jobLogFileBytes() > 0
                ? new dev.stint.internal.log.JobLogFiles(config.dir().resolve("logs"), config.jobLogFileBytes()) : null;
        this.queueLimits.putAll(config.queues());
        this.gate = new RunGate(q -> queueLimits.getOrDefault(q, 1), config.claimAhead(), this::startRun,
                this::armStaleCheck);
        this.scheduler = new Scheduler(new Scheduler.Starter() {
            @Override
            public boolean claimAndStart() {
                return Engine.this.claimAndStart();
            }
        });
    }

    /** Opens a library; see {@link Library.Builder#open()}. */
    public static Engine open(EngineConfig config) {
        try {
            Files.createDirectories(config.dir());
        } catch (IOException e) {
            throw new StorageException("cannot create library folder " + config.dir() + ": " + e.getMessage(), e);
        }
        JobRegistry registry = JobRegistry.load(config.catalogs(), config.serviceLoader());
        LibraryLock lock = LibraryLock.acquire(config.dir());
        Database db = null;
        try {
            db = Database.open(config.dir(), config.durability(), config.busyTimeout());
            StateCodec codec = new StateCodec();
            codec.useLimits(config.blobLimits());
            Engine engine = new Engine(config, lock, db, registry, codec);
            try {
                engine.applyRestartRules();
            } catch (RuntimeException e) {
                engine.timers.close();
                engine.events.close();
                throw e;
            }
            if (config.outbox() != null) {
                try {
                    engine.drainOutbox();
                } catch (RuntimeException e) {
                    engine.close();
                    throw e;
                }
            }
            if (config.autoStart()) {
                engine.start();
            }
            return engine;
        } catch (RuntimeException e) {
            if (db != null) {
                db.close();
            }
            lock.close();
            throw e;
        }
    }

    /** Restart rules: jobs left running by a crashed owner are queued again (they resume from their checkpoint). */
    private void applyRestartRules() {
        long now = now();
        List<String> recovered = await(db.writer().submitOrRun(s -> ActiveJobs.requeueInterrupted(s, now)));
        if (!recovered.isEmpty()) {
            LOG.info("library {}: {} job(s) interrupted by a crash will resume: {}", label, recovered.size(), recovered);
        }
        pausedQueues.addAll(await(db.writer().submitOrRun(QueueStore::pausedQueues)));
        for (String queue : db.read(JobReads::queuesInUse)) {
            if (queueLimits.putIfAbsent(queue, 1) == null) {
                LOG.warn("library {}: jobs.db holds jobs of queue '{}', which was not configured; running them one"
                        + " at a time", label, queue);
            }
        }
        await(db.writer().submitOrRun(s -> {
            fireSchedules(s, now, true);
            return null;
        }));
        prune(config.historyMaxAge(), config.historyMaxCount(), false);
        if (config.stallTimeout() != null) {
            armStallWatchdog();
        }
    }

    // ---- accessors for the runner and context -----------------------------------------------------

    StateCodec codec() {
        return codec;
    }

    GroupCommitWriter writer() {
        return db.writer();
    }

    /** Where completed jobs queue their move to history. */
    CompletionBatcher completions() {
        return completions;
    }

    EventBus events() {
        return events;
    }

    JobRegistry registry() {
        return registry;
    }

    EngineConfig config() {
        return config;
    }

    long now() {
        return config.clock().millis();
    }

    Map<String, RunningJob> runningJobs() {
        return running;
    }

    Database db() {
        return db;
    }

    void ensureOpenForControl() {
        ensureOpen();
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /** Waits for a write; converts failures into the public exception types. */
    <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LibraryClosedException(null, "interrupted while waiting for jobs.db");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof CompletionException ce && ce.getCause() != null) {
            cause = ce.getCause();
        }
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new StorageException(String.valueOf(cause.getMessage()), cause);
    }

    /** Completes the result future of a finished job, if anyone holds one. */
    void completeResult(String id, Object output, Throwable failure) {
        CompletableFuture<Object> f = results.remove(id);
        if (f != null) {
            if (failure == null) {
                f.complete(output);
            } else {
                f.completeExceptionally(failure);
            }
        }
    }

    // ---- Library --------------------------------------------------------------------------------

    @Override
    public Path dir() {
        return config.dir();
    }

    @Override
    public <O> JobHandle<O> dispatch(Job<O> job) {
        return dispatch(job, DispatchOptions.defaults());
    }

    @Override
    public <O> JobHandle<O> dispatch(Job<O> job, DispatchOptions options) {
        ensureOpen();
        return dispatcher.dispatch(job, options);
    }

    @Override
    public JobHandle<Object> dispatch(String name, String jsonArguments) {
        return dispatch(name, jsonArguments, DispatchOptions.defaults());
    }

    @Override
    public JobHandle<Object> dispatch(String name, String jsonArguments, DispatchOptions options) {
        ensureOpen();
        return dispatcher.dispatch(name, jsonArguments, options);
    }

    @Override
    public List<JobHandle<Object>> dispatchAll(List<? extends Job<?>> jobs) {
        return dispatchAll(jobs, DispatchOptions.defaults());
    }

    @Override
    public List<JobHandle<Object>> dispatchAll(List<? extends Job<?>> jobs, DispatchOptions options) {
        ensureOpen();
        return dispatcher.dispatchAll(jobs, options);
    }

    /** The registered descriptor of a job object's class. */
    JobDescriptor describe(Job<?> job) {
        return dispatcher.describe(job);
    }

    /** A new job row with its scheduling settings resolved. */
    ActiveJobs.NewJob newJob(JobDescriptor d, Job<?> job, DispatchOptions options) {
        return dispatcher.newJob(d, job, options);
    }

    Map<String, Integer> configuredQueues() {
        return config.queues();
    }

    /** The delay before the next attempt: the first retry's delay doubled per attempt, capped, with +-20% jitter. */
    long backoff(long firstDelayMs, int attemptsMade) {
        double exponential = firstDelayMs * Math.pow(2, Math.max(0, attemptsMade - 1));
        double capped = Math.min(exponential, config.maxBackoff().toMillis());
        double jitter = 0.8 + 0.4 * java.util.concurrent.ThreadLocalRandom.current().nextDouble();
        return (long) (capped * jitter);
    }

    @Override
    public Optional<JobHandle<Object>> handle(String id) {
        return handle(id, Object.class);
    }

    @Override
    public <O> Optional<JobHandle<O>> handle(String id, Class<O> outputType) {
        ensureOpen();
        RunningJob rj = running.get(id);
        if (rj != null) {
            return Optional.of(new Handle<>(this, id, rj.row.name()));
        }
        return db.read(c -> JobReads.find(c, id)).map(row -> new Handle<>(this, id, row.name()));
    }

    @Override
    public Optional<JobInfo> job(String id) {
        ensureOpen();
        return db.read(c -> JobReads.find(c, id)).map(this::toInfo);
    }

    @Override
    public List<JobInfo> activeJobs() {
        ensureOpen();
        return db.read(JobReads::active).stream().map(this::toInfo).toList();
    }

    @Override
    public List<JobInfo> history(int limit) {
        ensureOpen();
        return db.read(c -> JobReads.history(c, limit)).stream().map(this::toInfo).toList();
    }

    JobStatus status(String id) {
        if (running.containsKey(id)) {
            return JobStatus.RUNNING;
        }
        return db.read(c -> JobReads.find(c, id)).map(r -> JobStatus.fromWireName(r.status()))
                .orElseThrow(() -> new JobNotFoundException(id));
    }

    /** The result future of a job; completed at once if the job is already in history. */
    CompletableFuture<Object> result(String id) {
        CompletableFuture<Object> future = results.computeIfAbsent(id, k -> new CompletableFuture<>());
        if (closed.get()) {
            future.completeExceptionally(new LibraryClosedException(id, "library " + label + " is closed"));
            results.remove(id, future);
            return future;
        }
        if (!running.containsKey(id)) {
            Optional<JobRow> row = db.read(c -> JobReads.find(c, id));
            if (row.isEmpty()) {
                results.remove(id, future);
                future.completeExceptionally(new JobNotFoundException(id));
            } else if (JobStatus.fromWireName(row.get().status()).isTerminal()) {
                results.remove(id, future);
                completeFromHistory(future, row.get());
            }
        }
        return future;
    }

    private void completeFromHistory(CompletableFuture<Object> future, JobRow row) {
        JobStatus status = JobStatus.fromWireName(row.status());
        switch (status) {
            case COMPLETED -> {
                Class<?> type = registry.byName(row.name()).filter(d -> d.version() == row.version())
                        .<Class<?>>map(JobDescriptor::outputType).orElse(Object.class);
                try {
                    future.complete(row.output() == null ? null : codec.decode(row.output(), type));
                } catch (CodecException e) {
                    future.completeExceptionally(new dev.stint.JobStateDecodeException(row.id(), row.name(), "output", e));
                }
            }
            case CANCELLED -> future.completeExceptionally(new dev.stint.JobCancelledException(row.id()));
            case FAILED -> future.completeExceptionally(new dev.stint.JobFailedException(row.id(),
                    JobInfos.error(codec, row.error())));
            case QUEUED, RUNNING, PAUSED -> throw new IllegalStateException("not terminal: " + status);
        }
    }

    private JobInfo toInfo(JobRow row) {
        JobInfo info = JobInfos.toInfo(codec, row);
        RunningJob rj = running.get(row.id());
        if (rj != null && rj.progress.latest() != null && info.status() == JobStatus.RUNNING) {
            return info.withProgress(rj.progress.latest());
        }
        return info;
    }

    @Override
    public void pause(String id) {
        control.pause(id);
    }

    @Override
    public void resume(String id) {
        control.resume(id);
    }

    @Override
    public void cancel(String id) {
        control.cancel(id);
    }

    @Override
    public void pauseQueue(String queue) {
        setQueuePaused(queue, true);
    }

    @Override
    public void resumeQueue(String queue) {
        setQueuePaused(queue, false);
    }

    private void setQueuePaused(String queue, boolean paused) {
        ensureOpen();
        if (!queueLimits.containsKey(queue)) {
            throw new UnknownQueueException(queue, String.join(", ", queueLimits.keySet()));
        }
        long now = now();
        await(db.writer().submitOrRun(s -> {
            QueueStore.setQueuePaused(s, queue, paused, now);
            if (paused) {
                // runs claimed ahead have not started: a paused queue starts nothing new
                List<RunningJob> waiting = gate.withdrawAll(queue);
                if (!waiting.isEmpty()) {
                    giveBack(s, waiting);
                }
            }
            s.afterCommit(() -> {
                if (paused) {
                    pausedQueues.add(queue);
                } else {
                    pausedQueues.remove(queue);
                }
            });
            return null;
        }));
        dueDirty.set(true);
        scheduler.wake();
    }

    @Override
    public List<dev.stint.QueueInfo> queues() {
        ensureOpen();
        // a run claimed ahead that waits for a worker keeps none busy
        Map<String, Integer> busy = claimedByQueue(true);
        Map<String, Integer> queued = db.read(JobReads::queuedByQueue);
        List<dev.stint.QueueInfo> out = new ArrayList<>();
        for (Map.Entry<String, Integer> q : new java.util.TreeMap<>(queueLimits).entrySet()) {
            out.add(new dev.stint.QueueInfo(q.getKey(), q.getValue(), pausedQueues.contains(q.getKey()),
                    busy.getOrDefault(q.getKey(), 0), queued.getOrDefault(q.getKey(), 0)));
        }
        return out;
    }

    @Override
    public Subscription subscribe(JobListener listener) {
        return events.subscribe(listener);
    }

    Subscription subscribe(String id, JobListener listener) {
        return events.subscribe(id, listener);
    }

    @Override
    public void start() {
        ensureOpen();
        scheduler.start(label);
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return scheduler.awaitIdle(timeout);
    }

    // ---- queries ----------------------------------------------------------------------------------

    @Override
    public List<JobInfo> query(dev.stint.JobQuery query) {
        ensureOpen();
        java.util.Set<String> statuses = new java.util.TreeSet<>();
        query.statuses().forEach(st -> statuses.add(st.wireName()));
        Long from = query.createdFrom() == null ? null : query.createdFrom().toEpochMilli();
        Long to = query.createdTo() == null ? null : query.createdTo().toEpochMilli();
        return db.read(c -> JobReads.query(c, statuses, query.name(), query.queue(), query.parentId(), from, to,
                query.offset(), query.limit())).stream().map(this::toInfo).toList();
    }

    @Override
    public dev.stint.JobCounts counts() {
        ensureOpen();
        Map<JobStatus, Integer> byStatus = new java.util.EnumMap<>(JobStatus.class);
        Map<String, Map<JobStatus, Integer>> byQueue = new java.util.TreeMap<>();
        for (JobReads.StatusCount row : db.read(JobReads::counts)) {
            JobStatus status = JobStatus.fromWireName(row.status());
            int n = row.count();
            byStatus.merge(status, n, Integer::sum);
            byQueue.computeIfAbsent(row.queue(), k -> new java.util.EnumMap<>(JobStatus.class)).merge(status, n, Integer::sum);
        }
        Map<String, Map<JobStatus, Integer>> frozen = new java.util.TreeMap<>();
        byQueue.forEach((q, m) -> frozen.put(q, Map.copyOf(m)));
        return new dev.stint.JobCounts(byStatus, frozen);
    }

    // ---- recurring schedules ----------------------------------------------------------------------

    @Override
    public dev.stint.ScheduleInfo schedule(String name, Job<?> template, dev.stint.Schedule schedule,
            DispatchOptions options) {
        ensureOpen();
        JobDescriptor d = describe(template);
        dev.stint.ScheduleInfo info = recurring.schedule(name, d, newJob(d, template, options), schedule, options);
        nextScheduleAt = Long.MIN_VALUE;
        dueDirty.set(true);
        scheduler.wake();
        return info;
    }

    @Override
    public boolean unschedule(String name) {
        ensureOpen();
        boolean removed = recurring.unschedule(name);
        dueDirty.set(true);
        scheduler.wake();
        return removed;
    }

    @Override
    public List<dev.stint.ScheduleInfo> schedules() {
        ensureOpen();
        return recurring.schedules();
    }

    /** Dispatches the due runs of recurring schedules (writer thread); see {@link RecurringSchedules#fire}. */
    private void fireSchedules(dev.stint.internal.store.WriteSession s, long now, boolean atOpen)
            throws java.sql.SQLException {
        if (recurring.fire(s, now, atOpen)) {
            dueDirty.set(true);
            nextScheduleAt = Long.MIN_VALUE;
        }
    }

    // ---- the application's outbox -----------------------------------------------------------------

    @Override
    public int drainOutbox(java.sql.Connection appConnection) {
        return drainOutbox(appConnection, () -> { });
    }

    /** Drains with a hook between the two commits (tests crash there). */
    public int drainOutbox(java.sql.Connection appConnection, Runnable betweenCommits) {
        ensureOpen();
        return new OutboxDrainer(this).drain(appConnection, betweenCommits);
    }

    @Override
    public int drainOutbox() {
        ensureOpen();
        if (config.outbox() == null) {
            return 0;
        }
        try (java.sql.Connection c = config.outbox().open()) {
            return drainOutbox(c);
        } catch (java.sql.SQLException e) {
            throw new StorageException("cannot open the application's outbox database: " + e.getMessage(), e);
        }
    }

    /** After outbox rows reached jobs.db (and were announced): check their queues and wake the scheduler. */
    void afterOutboxInsert(List<ActiveJobs.NewJob> rows, List<String> inserted) {
        dueDirty.set(true);
        java.util.Set<String> ids = new java.util.HashSet<>(inserted);
        for (ActiveJobs.NewJob row : rows) {
            if (ids.contains(row.id())) {
                queueLimits.computeIfAbsent(row.queue(), q -> {
                    LOG.warn("library {}: outbox job {} names unconfigured queue '{}'; running it one at a time", label,
                            row.id(), q);
                    return 1;
                });
            }
        }
        scheduler.wake();
    }

    // ---- history retention and job logs -----------------------------------------------------------

    @Override
    public int pruneHistory(java.time.Duration maxAge, int keep, boolean includeFailed) {
        ensureOpen();
        return prune(maxAge, keep, includeFailed);
    }

    private int prune(java.time.Duration maxAge, int keep, boolean includeFailed) {
        long cutoff = now() - maxAge.toMillis();
        List<String> statuses = includeFailed ? List.of("completed", "cancelled", "failed") : List.of("completed", "cancelled");
        List<String> removed = await(db.writer().submitOrRun(s -> History.prune(s, statuses, cutoff, keep)));
        if (jobLogFiles != null) {
            removed.forEach(jobLogFiles::delete);
        }
        if (!removed.isEmpty()) {
            LOG.debug("library {}: pruned {} finished job(s) from history", label, removed.size());
        }
        return removed.size();
    }

    @Override
    public Optional<Path> jobLogFile(String id) {
        return jobLogFiles == null ? Optional.empty() : jobLogFiles.file(id);
    }

    dev.stint.internal.log.JobLogFiles jobLogFiles() {
        return jobLogFiles;
    }

    // ---- scheduling -------------------------------------------------------------------------------

    private record ClaimOutcome(List<RunningJob> started, boolean pending, Long nextDue, boolean dueRecomputed) {
    }

    /** Set when something may have changed the earliest due time (delayed job, retry, schedule, queue). */
    private final AtomicBoolean dueDirty = new AtomicBoolean(true);
    /** The earliest next run of any recurring schedule (Long.MIN_VALUE: unknown, check). */
    private volatile long nextScheduleAt = Long.MIN_VALUE;

    /** Asks the next scheduler pass to recompute the earliest due time and re-arm the timer. */
    void dueChanged() {
        dueDirty.set(true);
    }

    private boolean claimAndStart() {
        if (closed.get()) {
            return false;
        }
        long now = now();
        if (!running.isEmpty() && !dueDirty.get() && now < nextScheduleAt && !anyFreeSlot()) {
            // every slot is taken and no timer work is owed: nothing to claim, no write needed; the run that
            // ends next wakes the scheduler again (and running jobs mean the engine is not idle)
            return true;
        }
        ClaimOutcome outcome = await(db.writer().submitOrRun(s -> {
            if (now >= nextScheduleAt) {
                fireSchedules(s, now, false);
            }
            boolean recomputeDue = dueDirty.getAndSet(false);
            s.onRollback(() -> dueDirty.set(true));
            List<RunningJob> jobs = claimFreeSlots(s, now, List.of());
            Long due = null;
            if (recomputeDue) {
                Long jobDue = JobReads.nextDue(s, now);
                Long scheduleDue = dev.stint.internal.store.ScheduleStore.nextDue(s);
                nextScheduleAt = scheduleDue == null ? Long.MAX_VALUE : scheduleDue;
                due = jobDue;
                if (scheduleDue != null && (due == null || scheduleDue < due)) {
                    due = scheduleDue;
                }
            }
            // a pass that started jobs is not idle whatever is queued: skip the query then
            boolean pending = !jobs.isEmpty() || JobReads.anyPending(s);
            return new ClaimOutcome(jobs, pending, due, recomputeDue);
        }));
        outcome.started().forEach(this::launch);
        if (outcome.dueRecomputed()) {
            armDueTimer(outcome.nextDue());
        }
        return outcome.pending();
    }

    /**
     * Claims queued jobs for every free slot, inside the caller's write (so on the writer thread, where every
     * claim happens: the count of busy slots cannot go stale). {@code leaving} are runs this same write ends.
     * The claimed runs are registered at once and unregistered if the write rolls back; the caller starts
     * them after the commit.
     */
    private List<RunningJob> claimFreeSlots(WriteSession s, long now, List<RunningJob> leaving) throws SQLException {
        Map<String, Integer> claimed = claimedByQueue(false);
        for (RunningJob rj : leaving) {
            claimed.merge(rj.queue(), -1, Integer::sum);
        }
        List<RunningJob> jobs = new ArrayList<>();
        for (Map.Entry<String, Integer> q : queueLimits.entrySet()) {
            int free = freeSlots(q.getKey(), q.getValue(), claimed);
            if (free <= 0) {
                continue;
            }
            for (JobRow row : ActiveJobs.claim(s, q.getKey(), free, now)) {
                RunningJob rj = newRunningJob(row, now);
                running.put(row.id(), rj);
                scheduler.runStarted();
                jobs.add(rj);
            }
        }
        if (!jobs.isEmpty()) {
            s.onRollback(() -> jobs.forEach(rj -> {
                running.remove(rj.id(), rj);
                endRun(rj);
            }));
        }
        return jobs;
    }

    /**
     * Inside the write that moves completed runs to history: claims jobs for the slots they free, started
     * right after that commit. This saves the scheduler's separate claim commit under load.
     */
    void claimAfterCompletions(WriteSession s, List<RunningJob> finished) throws SQLException {
        if (!finished.isEmpty()) {
            claimAlongside(s, finished);
        }
    }

    /**
     * Inside the write that stores new jobs: claims jobs for any free slot, so a job dispatched to an idle
     * engine starts after one commit, not two (the scheduler's pass would claim it in a second write).
     */
    void claimAfterDispatch(WriteSession s) throws SQLException {
        claimAlongside(s, List.of());
    }

    private void claimAlongside(WriteSession s, List<RunningJob> leaving) throws SQLException {
        if (closed.get() || !scheduler.isStarted()) {
            return;
        }
        List<RunningJob> jobs = claimFreeSlots(s, now(), leaving);
        if (!jobs.isEmpty()) {
            s.afterCommit(() -> jobs.forEach(this::launch));
        }
    }

    private void launch(RunningJob rj) {
        gate.offer(rj);
    }

    /** Starts a run on a worker of its own (called by the gate when its queue has a free worker). */
    private void startRun(RunningJob rj) {
        long now = now();
        rj.startedAtMillis = now;
        rj.stallQuietSince = now;
        rj.started = true;
        armTimeout(rj);
        runner.start(rj);
    }

    /** A run's job code returned: its worker goes on to the next run claimed ahead in its queue. */
    void workerFreed(RunningJob rj) {
        gate.workerFreed(rj);
    }

    private void armStaleCheck(String queue) {
        timers.after(now(), java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(RunGate.STALE_WAIT_NANOS),
                () -> staleCheck(queue));
    }

    /** Hands back to the queue the runs claimed ahead that waited too long for a worker. */
    private void staleCheck(String queue) {
        if (closed.get()) {
            return;
        }
        List<RunningJob> stale = gate.withdrawStale(queue);
        if (!stale.isEmpty()) {
            LOG.debug("library {}: {} job(s) claimed ahead in queue '{}' waited too long for a worker; handed back",
                    label, stale.size(), queue);
            giveBack(stale);
        }
        if (gate.staleCheckDone(queue)) {
            armStaleCheck(queue);
        }
    }

    /**
     * Hands runs claimed ahead (taken out of the gate's line, never started) back to their queue: queued
     * again in jobs.db as if never claimed. If the write fails they are lined up again.
     *
     * @return whether the write committed
     */
    private boolean giveBack(List<RunningJob> runs) {
        try {
            await(db.writer().submitOrRun(s -> {
                giveBack(s, runs);
                return null;
            }));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("library {}: handing {} claimed job(s) back to their queue failed: {}", label, runs.size(),
                    e.getMessage());
            return false;
        }
    }

    /** Inside a write: see {@link #giveBack(List)}. On rollback the runs line up at the gate again. */
    void giveBack(WriteSession s, List<RunningJob> runs) throws SQLException {
        List<String> ids = new ArrayList<>(runs.size());
        runs.forEach(rj -> ids.add(rj.id()));
        ActiveJobs.unclaim(s, ids, now());
        runs.forEach(rj -> running.remove(rj.id(), rj));
        s.onRollback(() -> runs.forEach(rj -> {
            running.put(rj.id(), rj);
            gate.offer(rj);
        }));
        s.afterCommit(() -> {
            runs.forEach(this::endRun);
            scheduler.wake();
        });
    }

    /**
     * Inside a control's write: if {@code id} was claimed ahead and waits for a worker, hands it back to its
     * queue, so that the control then finds a queued job.
     */
    void giveBackIfWaiting(WriteSession s, String id) throws SQLException {
        RunningJob rj = running.get(id);
        if (rj != null && gate.withdraw(rj)) {
            giveBack(s, List.of(rj));
        }
    }

    private boolean anyFreeSlot() {
        int capacity = 0;
        for (Map.Entry<String, Integer> q : queueLimits.entrySet()) {
            capacity += freeSlots(q.getKey(), q.getValue(), Map.of());
        }
        if (running.size() >= capacity) {
            return false; // every slot of every queue is taken (the common case under load: no per-run walk)
        }
        Map<String, Integer> claimed = claimedByQueue(false);
        for (Map.Entry<String, Integer> q : queueLimits.entrySet()) {
            if (freeSlots(q.getKey(), q.getValue(), claimed) > 0) {
                return true;
            }
        }
        return false;
    }

    /** How many more jobs {@code queue} may claim now: none while paused; its workers plus its claim-ahead. */
    private int freeSlots(String queue, int concurrency, Map<String, Integer> claimed) {
        if (pausedQueues.contains(queue)) {
            return 0;
        }
        return concurrency + gate.claimAhead(queue, concurrency) - claimed.getOrDefault(queue, 0);
    }

    /** Claimed runs per queue; with {@code startedOnly}, only those a worker has taken (busy workers). */
    private Map<String, Integer> claimedByQueue(boolean startedOnly) {
        Map<String, Integer> claimed = new java.util.HashMap<>();
        for (RunningJob rj : running.values()) {
            if (!startedOnly || rj.started) {
                claimed.merge(rj.queue(), 1, Integer::sum);
            }
        }
        return claimed;
    }

    /** Wakes the scheduler when the earliest delayed (or retrying) job becomes due. */
    private void armDueTimer(Long nextDue) {
        long at = nextDue == null ? Long.MAX_VALUE : nextDue;
        long previous = armedDue.getAndSet(at);
        if (previous == at) {
            return;
        }
        Timers.Timer old = dueTimer;
        if (old != null) {
            old.cancel();
        }
        dueTimer = at == Long.MAX_VALUE ? null : timers.at(at, () -> {
            armedDue.compareAndSet(at, Long.MAX_VALUE);
            dueDirty.set(true);
            scheduler.wake();
        });
    }

    private void armTimeout(RunningJob rj) {
        Long timeoutMs = rj.row().timeoutMs();
        if (timeoutMs == null) {
            return;
        }
        rj.timeoutTimer = timers.at(rj.startedAtMillis + timeoutMs, () -> {
            if (rj.isSettled() || !running.containsKey(rj.id())) {
                return;
            }
            LOG.info("job {} ({}) timed out after {} ms; interrupting it", rj.id(), rj.row().name(), timeoutMs);
            rj.timedOut = true;
            rj.requestInterrupt(InterruptReason.TIMEOUT);
            // the grace period: from the timeout's instant by a manual clock, in elapsed time by a real one (a
            // forward jump of the wall clock never cuts it short)
            timers.after(rj.startedAtMillis + timeoutMs, config.timeoutGrace().toMillis(), () -> {
                if (!rj.isSettled() && running.containsKey(rj.id())) {
                    runner.abandonTimedOut(rj);
                }
            });
        });
    }

    /** Every half stall timeout, flags running jobs that showed no progress and no checkpoint meanwhile. */
    private void armStallWatchdog() {
        long period = Math.max(1, config.stallTimeout().toMillis() / 2);
        timers.at(now() + period, () -> {
            if (closed.get()) {
                return;
            }
            checkStalls();
            armStallWatchdog();
        });
    }

    private void checkStalls() {
        long now = now();
        long limit = config.stallTimeout().toMillis();
        for (RunningJob rj : running.values()) {
            if (!rj.started) {
                continue; // claimed ahead, waiting for a worker
            }
            Object progress = rj.progress.latest();
            int checkpoints = rj.checkpointsThisRun;
            if (progress != rj.stallSeenProgress || checkpoints != rj.stallSeenCheckpoints) {
                rj.stallSeenProgress = progress;
                rj.stallSeenCheckpoints = checkpoints;
                rj.stallQuietSince = now;
                rj.stallReported = false;
                continue;
            }
            long quiet = now - rj.stallQuietSince;
            if (!rj.stallReported && quiet >= limit) {
                rj.stallReported = true;
                events.publish(new JobEvent.Stalled(rj.id(), rj.row().name(), java.time.Duration.ofMillis(quiet)));
            }
        }
    }

    /** Tells the progress roll-up (on the event thread, before the child's later events) whose child a job is. */
    private void trackChild(String child, String parent) {
        events.execute(() -> rollUp.childOf(child, parent));
    }

    private RunningJob newRunningJob(JobRow row, long now) {
        if (row.parentId() != null) {
            trackChild(row.id(), row.parentId());
        }
        JobDescriptor d = registry.byName(row.name()).orElse(null);
        String id = row.id();
        ProgressCoalescer coalescer = new ProgressCoalescer(id, row.name(), events,
                config.progressInterval().toNanos(), config.progressPersistInterval().toNanos(),
                p -> {
                    byte[] blob = codec.encode(ProgressRecord.of(p));
                    db.writer().submit(s -> {
                        ActiveJobs.saveProgress(s, id, blob);
                        return null;
                    });
                });
        RunningJob rj = new RunningJob(row, d, coalescer, now);
        // the watchdog counts quiet time from the start of the run
        rj.stallSeenProgress = null;
        rj.stallSeenCheckpoints = 0;
        rj.stallQuietSince = now;
        return rj;
    }

    /** Rows for a parent's children (default options; the children's classes must be registered). */
    List<ActiveJobs.NewJob> childRows(String parentId, List<? extends Job<?>> children) {
        List<ActiveJobs.NewJob> rows = new ArrayList<>(children.size());
        for (Job<?> child : children) {
            ActiveJobs.NewJob row = newJob(describe(child), child, DispatchOptions.defaults());
            rows.add(new ActiveJobs.NewJob(row.id(), row.name(), row.version(), row.state(), row.createdAt(), row.queue(),
                    row.priority(), row.runAt(), row.maxAttempts(), row.backoffMs(), row.timeoutMs(), null, null,
                    parentId, "parent:" + parentId));
        }
        return rows;
    }

    /**
     * Tells listeners that new jobs are queued ({@code from} is null). Call it from the inserting operation's
     * after-commit hook: that runs on the writer thread before any later claim commits, so a job's "queued"
     * event is always queued for delivery before its "running" one.
     */
    void announceQueued(List<ActiveJobs.NewJob> rows) {
        for (ActiveJobs.NewJob row : rows) {
            if (row.parentId() != null) {
                trackChild(row.id(), row.parentId());
            }
            events.publish(new JobEvent.StatusChanged(row.id(), row.name(), null, JobStatus.QUEUED, null));
        }
    }

    /** The committed steps of a job (read before its run starts). */
    Map<String, byte[]> readSteps(String id) {
        return db.read(c -> JobReads.steps(c, id));
    }

    /**
     * After a job's commit: asks the configured crash point (tests only) whether to crash here; if so,
     * crashes the library and unwinds the job's thread without any further write.
     */
    void afterJobCommit(RunningJob rj, dev.stint.spi.CrashPoint.Kind kind, String name, int count) {
        dev.stint.spi.CrashPoint point = config.crashPoint();
        if (point != null && point.crashAfter(rj.id(), rj.row().name(), kind, name, count)) {
            crash();
            point.crashed();
            throw new SimulatedCrash(rj.id());
        }
    }

    /** Unwinds a job's thread after a simulated crash; an Error, so job code does not catch it by accident. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String jobId) {
            super("simulated crash after a commit of job " + jobId, null, false, false);
        }
    }

    /**
     * Stops everything at once, as a killed process would: no outcome is recorded for running jobs, queued
     * writes are dropped, the owner lock is released. Tests only (through a {@link dev.stint.spi.CrashPoint}).
     */
    void crash() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.warn("library {}: simulated crash", label);
        for (RunningJob rj : running.values()) {
            rj.settle();
        }
        db.crash();
        for (RunningJob rj : running.values()) {
            Thread t = rj.thread;
            if (t != null && t != Thread.currentThread()) {
                t.interrupt();
            }
        }
        scheduler.stop();
        timers.close();
        events.abort();
        for (Map.Entry<String, CompletableFuture<Object>> e : results.entrySet()) {
            e.getValue().completeExceptionally(new LibraryClosedException(e.getKey(), "library " + label + " crashed"));
        }
        results.clear();
        lock.close();
    }

    /** Ends a run for the scheduler exactly once (its thread ended, or it was abandoned). */
    void endRun(RunningJob rj) {
        if (rj.endCounted()) {
            scheduler.runEnded();
        }
    }

    /** Called by a worker when its run has ended (whatever the outcome). */
    void runEnded(RunningJob rj) {
        gate.workerFreed(rj);
        Timers.Timer timeout = rj.timeoutTimer;
        if (timeout != null) {
            timeout.cancel();
        }
        running.remove(rj.id(), rj);
        rj.markDone();
        endRun(rj);
        if (finishedSincePrune.incrementAndGet() >= 1000 && !closed.get()) {
            finishedSincePrune.set(0);
            try {
                prune(config.historyMaxAge(), config.historyMaxCount(), false);
            } catch (RuntimeException e) {
                LOG.warn("history pruning failed", e);
            }
        }
    }

    // ---- shutdown ---------------------------------------------------------------------------------

    private void ensureOpen() {
        if (closed.get()) {
            throw new LibraryClosedException(null, "library " + label + " is closed");
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.stop();
        try {
            // a barrier: a write that claimed jobs before `closed` was set has committed and started them
            await(db.writer().submitOrRun(s -> null));
        } catch (RuntimeException e) {
            LOG.debug("library {}: closing barrier write failed: {}", label, e.getMessage());
        }
        // runs claimed ahead have not started: they go back to their queue untouched
        List<RunningJob> waiting = gate.close();
        if (!waiting.isEmpty() && !giveBack(waiting)) {
            // still claimed in jobs.db: the next open treats them as interrupted runs
            waiting.forEach(rj -> {
                running.remove(rj.id(), rj);
                endRun(rj);
            });
        }
        List<RunningJob> stopping = new ArrayList<>(running.values());
        for (RunningJob rj : stopping) {
            rj.requestInterrupt(InterruptReason.SHUTDOWN);
        }
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        for (RunningJob rj : stopping) {
            awaitDone(rj, deadline - System.nanoTime());
        }
        List<CompletableFuture<Boolean>> abandonWrites = new ArrayList<>();
        for (RunningJob rj : stopping) {
            if (rj.doneLatch().getCount() == 0) {
                continue;
            }
            if (rj.settle()) {
                LOG.warn("job {} ({}) did not stop within {}; recorded as interrupted, it resumes from its latest"
                        + " checkpoint next time", rj.id(), rj.row.name(), config.shutdownTimeout());
                Thread t = rj.thread;
                if (t != null) {
                    t.interrupt();
                }
                long now = now();
                byte[] progress = rj.progress.latest() == null ? null : codec.encode(ProgressRecord.of(rj.progress.latest()));
                abandonWrites.add(db.writer().submit(s ->
                        ActiveJobs.stopRunning(s, rj.id(), "queued", "abandoned", null, progress, null, now)));
                running.remove(rj.id(), rj);
                endRun(rj);
            } else {
                // its worker is recording the outcome right now: give that write a moment
                awaitDone(rj, TimeUnit.SECONDS.toNanos(2));
            }
        }
        for (CompletableFuture<Boolean> write : abandonWrites) {
            try {
                write.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("recording an abandoned job failed; it resumes as crash-interrupted", e);
            }
        }
        timers.close();
        db.close();
        events.close();
        for (Map.Entry<String, CompletableFuture<Object>> e : results.entrySet()) {
            e.getValue().completeExceptionally(new LibraryClosedException(e.getKey(),
                    "library " + label + " closed before job " + e.getKey() + " finished; it resumes on the next open"));
        }
        results.clear();
        lock.close();
        LOG.debug("library {} closed", label);
    }

    private static void awaitDone(RunningJob rj, long nanos) {
        try {
            rj.doneLatch().await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isClosed() {
        return closed.get();
    }
}
