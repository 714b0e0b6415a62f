package dev.stint.internal.exec;

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
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.LibraryClosedException;
import dev.stint.StorageException;
import dev.stint.Subscription;
import dev.stint.UnknownJobTypeException;
import dev.stint.internal.codec.CodecException;
import dev.stint.internal.codec.ProgressRecord;
import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.progress.EventBus;
import dev.stint.internal.progress.ProgressCoalescer;
import dev.stint.internal.store.Database;
import dev.stint.internal.store.GroupCommitWriter;
import dev.stint.internal.store.JobRow;
import dev.stint.internal.store.JobStore;
import dev.stint.internal.store.LibraryLock;
import dev.stint.spi.JobDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private static final List<String> WAITING = List.of("queued", "paused");
    private static final List<String> RUNNING = List.of("running");

    private final EngineConfig config;
    private final LibraryLock lock;
    private final Database db;
    private final JobRegistry registry;
    private final StateCodec codec;
    private final EventBus events;
    private final Scheduler scheduler;
    private final JobRunner runner;
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Object>> results = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String label;

    private Engine(EngineConfig config, LibraryLock lock, Database db, JobRegistry registry, StateCodec codec) {
        this.config = config;
        this.lock = lock;
        this.db = db;
        this.registry = registry;
        this.codec = codec;
        this.label = String.valueOf(config.dir().getFileName());
        this.events = new EventBus(label);
        this.runner = new JobRunner(this);
        this.scheduler = new Scheduler(new Scheduler.Starter() {
            @Override
            public int claimAndStart(int free) {
                return Engine.this.claimAndStart(free);
            }

            @Override
            public int running() {
                return running.size();
            }
        }, config.concurrency());
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
            Engine engine = new Engine(config, lock, db, registry, new StateCodec());
            engine.applyRestartRules();
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
        List<String> recovered = await(db.writer().submit(s -> JobStore.requeueInterrupted(s, now)));
        if (!recovered.isEmpty()) {
            LOG.info("library {}: {} job(s) interrupted by a crash will resume: {}", label, recovered.size(), recovered);
        }
    }

    // ---- accessors for the runner and context -----------------------------------------------------

    StateCodec codec() {
        return codec;
    }

    GroupCommitWriter writer() {
        return db.writer();
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
        ensureOpen();
        JobDescriptor d = describe(job);
        JobStore.NewJob row = newJob(d, job);
        store(List.of(row));
        return new Handle<>(this, row.id(), d.name());
    }

    /** Commits new jobs, then tells listeners ({@code from} is null for a new job) and wakes the scheduler. */
    private void store(List<JobStore.NewJob> rows) {
        await(db.writer().submit(s -> {
            JobStore.insert(s, rows);
            return null;
        }));
        for (JobStore.NewJob row : rows) {
            events.publish(new JobEvent.StatusChanged(row.id(), row.name(), null, JobStatus.QUEUED, null));
        }
        scheduler.wake();
    }

    @Override
    public JobHandle<Object> dispatch(String name, String jsonArguments) {
        ensureOpen();
        JobDescriptor d = registry.byName(name)
                .orElseThrow(() -> new UnknownJobTypeException(null, name, registry.knownNames()));
        Job<?> job;
        try {
            job = d.argumentsFactory() != null
                    ? d.argumentsFactory().fromArguments(jsonArguments == null || jsonArguments.isBlank() ? "{}" : jsonArguments)
                    : codec.fromArgumentsJson(jsonArguments, d.jobClass());
        } catch (CodecException | IllegalArgumentException e) {
            throw new InvalidJobArgumentsException(name, e.getMessage(), e);
        }
        JobStore.NewJob row = newJob(d, job);
        store(List.of(row));
        return new Handle<>(this, row.id(), d.name());
    }

    @Override
    public List<JobHandle<Object>> dispatchAll(List<? extends Job<?>> jobs) {
        ensureOpen();
        List<JobStore.NewJob> rows = new ArrayList<>(jobs.size());
        for (Job<?> job : jobs) {
            rows.add(newJob(describe(job), job));
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        store(rows);
        List<JobHandle<Object>> handles = new ArrayList<>(rows.size());
        for (JobStore.NewJob row : rows) {
            handles.add(new Handle<>(this, row.id(), row.name()));
        }
        return handles;
    }

    private JobDescriptor describe(Job<?> job) {
        return registry.byClass(job.getClass()).orElseThrow(() -> new UnknownJobTypeException(null,
                job.getClass().getName() + " (class not in any registered catalog: annotate it with @JobType"
                        + " and compile it with the registry processor, or pass its catalog to the builder)",
                registry.knownNames()));
    }

    private JobStore.NewJob newJob(JobDescriptor d, Job<?> job) {
        byte[] state;
        try {
            state = codec.encode(job);
        } catch (CodecException e) {
            throw new InvalidJobArgumentsException(d.name(), e.getMessage(), e);
        }
        long now = now();
        return new JobStore.NewJob(JobIds.next(now), d.name(), d.version(), state, now);
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
        return db.read(c -> JobStore.find(c, id)).map(row -> new Handle<>(this, id, row.name()));
    }

    @Override
    public Optional<JobInfo> job(String id) {
        ensureOpen();
        return db.read(c -> JobStore.find(c, id)).map(this::toInfo);
    }

    @Override
    public List<JobInfo> activeJobs() {
        ensureOpen();
        return db.read(JobStore::active).stream().map(this::toInfo).toList();
    }

    @Override
    public List<JobInfo> history(int limit) {
        ensureOpen();
        return db.read(c -> JobStore.history(c, limit)).stream().map(this::toInfo).toList();
    }

    JobStatus status(String id) {
        if (running.containsKey(id)) {
            return JobStatus.RUNNING;
        }
        return db.read(c -> JobStore.find(c, id)).map(r -> JobStatus.fromWireName(r.status()))
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
            Optional<JobRow> row = db.read(c -> JobStore.find(c, id));
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
            return new JobInfo(info.id(), info.name(), info.version(), info.status(), info.createdAt(),
                    info.startedAt(), info.finishedAt(), info.runCount(), info.checkpoints(), info.stopReason(),
                    rj.progress.latest(), info.outputJson(), info.error(), info.nonCriticalErrors());
        }
        return info;
    }

    @Override
    public void pause(String id) {
        ensureOpen();
        long now = now();
        await(db.writer().submit(s -> {
            if (JobStore.changeWaitingStatus(s, id, "queued", "paused", "pause", now)) {
                s.afterCommit(() -> events.publish(statusEvent(id, s, JobStatus.QUEUED, JobStatus.PAUSED)));
                return null;
            }
            RunningJob rj = running.get(id);
            if (rj != null) {
                if (!rj.resumable()) {
                    throw new JobNotResumableException(id, rj.row.name(), "pause a running job");
                }
                rj.resumeRequested = false;
                rj.requestInterrupt(InterruptReason.PAUSE);
                return null;
            }
            JobStatus status = storedStatus(s, id);
            if (status == JobStatus.PAUSED) {
                return null;
            }
            throw new IllegalJobTransitionException(id, status, JobStatus.PAUSED);
        }));
    }

    @Override
    public void resume(String id) {
        ensureOpen();
        long now = now();
        await(db.writer().submit(s -> {
            if (JobStore.changeWaitingStatus(s, id, "paused", "queued", null, now)) {
                s.afterCommit(() -> {
                    events.publish(statusEvent(id, s, JobStatus.PAUSED, JobStatus.QUEUED));
                    scheduler.wake();
                });
                return null;
            }
            RunningJob rj = running.get(id);
            if (rj != null) {
                rj.resumeRequested = true;
                return null;
            }
            JobStatus status = storedStatus(s, id);
            if (status == JobStatus.QUEUED) {
                return null;
            }
            throw new IllegalJobTransitionException(id, status, JobStatus.QUEUED);
        }));
    }

    @Override
    public void cancel(String id) {
        ensureOpen();
        long now = now();
        ErrorRecord error = ErrorRecord.of("cancelled", "cancelled by the user", now);
        byte[] errorBlob = codec.encode(dev.stint.internal.codec.StoredError.of(error));
        await(db.writer().submit(s -> {
            JobStatus before = running.containsKey(id) ? JobStatus.RUNNING : storedStatusOrNull(s, id);
            if (before != JobStatus.RUNNING
                    && JobStore.finish(s, id, WAITING, "cancelled", null, errorBlob, null, null, now)) {
                String name = nameOf(s, id);
                s.afterCommit(() -> {
                    events.publish(new JobEvent.StatusChanged(id, name, before, JobStatus.CANCELLED, error));
                    completeResult(id, null, new dev.stint.JobCancelledException(id));
                });
                return null;
            }
            RunningJob rj = running.get(id);
            if (rj != null) {
                rj.requestInterrupt(InterruptReason.CANCEL);
                return null;
            }
            JobStatus status = storedStatus(s, id);
            throw new IllegalJobTransitionException(id, status, JobStatus.CANCELLED);
        }));
    }

    private JobStatus storedStatus(dev.stint.internal.store.WriteSession s, String id) throws java.sql.SQLException {
        return JobStore.status(s, id).map(JobStatus::fromWireName).orElseThrow(() -> new JobNotFoundException(id));
    }

    private JobStatus storedStatusOrNull(dev.stint.internal.store.WriteSession s, String id)
            throws java.sql.SQLException {
        return JobStore.status(s, id).map(JobStatus::fromWireName).orElse(null);
    }

    private String nameOf(dev.stint.internal.store.WriteSession s, String id) throws java.sql.SQLException {
        var ps = s.prepare("SELECT name FROM jobs WHERE id = ?1 UNION ALL SELECT name FROM job_history WHERE id = ?1");
        ps.setString(1, id);
        try (var rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    private JobEvent statusEvent(String id, dev.stint.internal.store.WriteSession s, JobStatus from, JobStatus to) {
        String name;
        try {
            name = nameOf(s, id);
        } catch (java.sql.SQLException e) {
            name = "";
        }
        return new JobEvent.StatusChanged(id, name, from, to, null);
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

    // ---- scheduling -------------------------------------------------------------------------------

    private int claimAndStart(int free) {
        if (closed.get()) {
            return 0;
        }
        long now = now();
        List<RunningJob> registered = new ArrayList<>();
        List<RunningJob> claimed;
        try {
            claimed = await(db.writer().submit(s -> {
                List<JobRow> rows = JobStore.claim(s, free, now);
                List<RunningJob> jobs = new ArrayList<>(rows.size());
                for (JobRow row : rows) {
                    RunningJob rj = newRunningJob(row);
                    running.put(row.id(), rj);
                    registered.add(rj);
                    jobs.add(rj);
                }
                return jobs;
            }));
        } catch (RuntimeException e) {
            registered.forEach(rj -> running.remove(rj.id(), rj));
            throw e;
        }
        for (RunningJob rj : claimed) {
            runner.start(rj);
        }
        return claimed.size();
    }

    private RunningJob newRunningJob(JobRow row) {
        JobDescriptor d = registry.byName(row.name()).orElse(null);
        String id = row.id();
        ProgressCoalescer coalescer = new ProgressCoalescer(id, row.name(), events,
                config.progressInterval().toNanos(), config.progressPersistInterval().toNanos(),
                p -> {
                    byte[] blob = codec.encode(ProgressRecord.of(p));
                    db.writer().submit(s -> {
                        JobStore.saveProgress(s, id, blob);
                        return null;
                    });
                });
        return new RunningJob(row, d, coalescer);
    }

    /** Called by a worker when its run has ended (whatever the outcome). */
    void runEnded(RunningJob rj) {
        running.remove(rj.id(), rj);
        rj.markDone();
        scheduler.wake();
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
                        JobStore.stopRunning(s, rj.id(), "queued", "abandoned", null, progress, null, now)));
                running.remove(rj.id(), rj);
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
