package dev.stint.internal.exec;

import dev.stint.DispatchOptions;
import dev.stint.Job;
import dev.stint.JobCounts;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobListener;
import dev.stint.JobQuery;
import dev.stint.Library;
import dev.stint.Outbox;
import dev.stint.PruneScope;
import dev.stint.QueueInfo;
import dev.stint.Schedule;
import dev.stint.ScheduleInfo;
import dev.stint.StorageException;
import dev.stint.Subscription;
import dev.stint.internal.control.ControlServer;
import dev.stint.internal.log.JobLogFiles;
import dev.stint.internal.progress.EventBus;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The public {@link Library} of an open library: checks that it is open and hands each call to the room
 * that owns it. It holds no state and makes no decision of its own.
 */
public final class OpenLibrary implements Library {
    private final Path dir;
    private final Outbox.ConnectionSource outboxSource;
    private final OpenState open;
    private final Lifecycle lifecycle;
    private final Dispatcher dispatcher;
    private final JobLookup lookup;
    private final Handles handles;
    private final JobControl control;
    private final QueueControl queueControl;
    private final RecurringSchedules recurring;
    private final HistoryRetention retention;
    private final OutboxDrainer outbox;
    private final EventBus events;
    private final JobLogFiles logFiles;
    private volatile ControlServer controlServer;

    OpenLibrary(Path dir, Outbox.ConnectionSource outboxSource, OpenState open, Lifecycle lifecycle,
            Dispatcher dispatcher, JobLookup lookup, Handles handles, JobControl control, QueueControl queueControl,
            RecurringSchedules recurring, HistoryRetention retention, OutboxDrainer outbox, EventBus events,
            JobLogFiles logFiles) {
        this.dir = dir;
        this.outboxSource = outboxSource;
        this.open = open;
        this.lifecycle = lifecycle;
        this.dispatcher = dispatcher;
        this.lookup = lookup;
        this.handles = handles;
        this.control = control;
        this.queueControl = queueControl;
        this.recurring = recurring;
        this.retention = retention;
        this.outbox = outbox;
        this.events = events;
        this.logFiles = logFiles;
    }

    /** Opens a library; see {@link Library.Builder#open()}. */
    public static Library open(EngineConfig config) {
        return Lifecycle.open(config);
    }

    @Override
    public Path dir() {
        return dir;
    }

    // ---- dispatch --------------------------------------------------------------------------------------

    @Override
    public <O> JobHandle<O> dispatch(Job<O> job) {
        return dispatch(job, DispatchOptions.defaults());
    }

    @Override
    public <O> JobHandle<O> dispatch(Job<O> job, DispatchOptions options) {
        open.ensureOpen();
        return dispatcher.dispatch(job, options);
    }

    @Override
    public JobHandle<Object> dispatch(String name, String jsonArguments) {
        return dispatch(name, jsonArguments, DispatchOptions.defaults());
    }

    @Override
    public JobHandle<Object> dispatch(String name, String jsonArguments, DispatchOptions options) {
        open.ensureOpen();
        return dispatcher.dispatch(name, jsonArguments, options);
    }

    @Override
    public JobHandle<Object> retry(String id) {
        open.ensureOpen();
        return dispatcher.retry(id);
    }

    @Override
    public <O> List<JobHandle<O>> dispatchAll(List<? extends Job<? extends O>> jobs) {
        return dispatchAll(jobs, DispatchOptions.defaults());
    }

    @Override
    @SuppressWarnings("unchecked") // a handle's output type is the job's: each job's output is an O
    public <O> List<JobHandle<O>> dispatchAll(List<? extends Job<? extends O>> jobs, DispatchOptions options) {
        open.ensureOpen();
        return (List<JobHandle<O>>) (List<?>) dispatcher.dispatchAll(jobs, options);
    }

    // ---- reads -----------------------------------------------------------------------------------------

    @Override
    public Optional<JobHandle<Object>> handle(String id) {
        return handle(id, Object.class);
    }

    @Override
    public <O> Optional<JobHandle<O>> handle(String id, Class<O> outputType) {
        open.ensureOpen();
        return lookup.name(id).map(name -> handles.of(id, name));
    }

    @Override
    public Optional<JobInfo> job(String id) {
        open.ensureOpen();
        return lookup.job(id);
    }

    @Override
    public List<JobInfo> activeJobs() {
        open.ensureOpen();
        return lookup.active();
    }

    @Override
    public List<JobInfo> history(int limit) {
        open.ensureOpen();
        return lookup.history(limit);
    }

    @Override
    public List<JobInfo> query(JobQuery query) {
        open.ensureOpen();
        return lookup.query(query);
    }

    @Override
    public JobCounts counts() {
        open.ensureOpen();
        return lookup.counts();
    }

    // ---- control ---------------------------------------------------------------------------------------

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
        open.ensureOpen();
        queueControl.setPaused(queue, true);
    }

    @Override
    public void resumeQueue(String queue) {
        open.ensureOpen();
        queueControl.setPaused(queue, false);
    }

    @Override
    public List<QueueInfo> queues() {
        open.ensureOpen();
        return queueControl.list();
    }

    // ---- recurring schedules ---------------------------------------------------------------------------

    @Override
    public ScheduleInfo schedule(String name, Job<?> template, Schedule schedule, DispatchOptions options) {
        open.ensureOpen();
        return recurring.schedule(name, template, schedule, options);
    }

    @Override
    public boolean unschedule(String name) {
        open.ensureOpen();
        return recurring.unschedule(name);
    }

    @Override
    public List<ScheduleInfo> schedules() {
        open.ensureOpen();
        return recurring.schedules();
    }

    // ---- history, logs, outbox -------------------------------------------------------------------------

    @Override
    public int pruneHistory(Duration maxAge, int keep, PruneScope scope) {
        open.ensureOpen();
        return retention.prune(maxAge, keep, scope);
    }

    @Override
    public Optional<Path> jobLogFile(String id) {
        return logFiles == null ? Optional.empty() : logFiles.file(id);
    }

    @Override
    public int drainOutbox(Connection appConnection) {
        return drainOutbox(appConnection, () -> { });
    }

    /** Drains with a hook between the two commits (tests crash there). */
    public int drainOutbox(Connection appConnection, Runnable betweenCommits) {
        open.ensureOpen();
        return outbox.drain(appConnection, betweenCommits);
    }

    @Override
    public int drainOutbox() {
        open.ensureOpen();
        if (outboxSource == null) {
            return 0;
        }
        try (Connection c = outboxSource.open()) {
            return drainOutbox(c);
        } catch (SQLException e) {
            throw new StorageException("cannot open the application's outbox database: " + e.getMessage(), e);
        }
    }

    /** Hands over the started control endpoint (the lifecycle starts it once the library is open). */
    void controlServer(ControlServer server) {
        this.controlServer = server;
    }

    @Override
    public Optional<URI> controlUri() {
        ControlServer server = controlServer;
        return server == null || open.isClosed() ? Optional.empty() : Optional.of(server.uri());
    }

    // ---- events and life -------------------------------------------------------------------------------

    @Override
    public Subscription subscribe(JobListener listener) {
        return events.subscribe(listener);
    }

    @Override
    public void start() {
        lifecycle.start();
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return lifecycle.awaitIdle(timeout);
    }

    @Override
    public void close() {
        lifecycle.close();
    }
}
