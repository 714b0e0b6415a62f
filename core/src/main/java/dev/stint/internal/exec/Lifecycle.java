package dev.stint.internal.exec;

import dev.stint.InterruptReason;
import dev.stint.LibraryClosedException;
import dev.stint.StorageException;
import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.control.ControlServer;
import dev.stint.internal.log.JobLogFiles;
import dev.stint.internal.log.LogText;
import dev.stint.internal.observe.Metrics;
import dev.stint.internal.progress.EventBus;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.internal.store.CommitThread;
import dev.stint.internal.store.Database;
import dev.stint.internal.store.DatabaseFolder;
import dev.stint.internal.store.JobReads;
import dev.stint.internal.store.LibraryLock;
import dev.stint.internal.store.NetworkFolders;
import dev.stint.internal.store.QueueStore;
import dev.stint.internal.store.RuledJobs;
import dev.stint.internal.conditions.ConditionMonitor;
import dev.stint.internal.store.SyncFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open library's life: opening (the owner lock, {@code jobs.db}, the rooms wired together), the restart
 * rules, starting the scheduler, closing (running jobs asked to stop and given the shutdown timeout, the rest
 * recorded as interrupted) and, for tests, a simulated crash. The rooms are built here and handed the narrow
 * collaborators they need; none of them sees this class.
 */
final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private final EngineConfig config;
    private final LibraryLock lock;
    private final Database database;
    private final OpenState open;
    private final InstantSource clock;
    private final EventBus events;
    private final Timers timers;
    private final JobsDb db;
    private final Scheduler scheduler = new Scheduler();
    private final RunTable runs = new RunTable();
    private final Queues queues;
    private final Claims claims;
    private final RuleGate ruleGate;
    private final ConditionGate conditions;
    private final WakeWatch wake;
    private final RunOutcomes outcomes;
    private final Watchdogs watchdogs;
    private final JobRunner runner;
    private final SchedulingPass pass;
    private final HistoryRetention retention;
    private final OutboxDrainer outbox;
    private final DependencyCycles cycles;
    private final OpenLibrary library;
    private final JobRegistry registry;
    private volatile ControlServer controlServer;

    private Lifecycle(EngineConfig config, LibraryLock lock, Database database, JobRegistry registry, StateCodec codec,
            Metrics metrics) {
        this.config = config;
        this.registry = registry;
        this.lock = lock;
        this.database = database;
        this.clock = config.clock();
        this.open = new OpenState(String.valueOf(config.dir().getFileName()));
        this.events = new EventBus(open.label());
        this.db = new JobsDb(database);
        ProgressRollUp rollUp = new ProgressRollUp(database, events::publishNow);
        events.setInternalListener(rollUp);
        StatusAnnouncer announcer = new StatusAnnouncer(events, rollUp, metrics);
        database.read(JobReads::activeChildren).forEach(announcer::trackChild);
        JobLogFiles logFiles = config.jobLogFileBytes() > 0
                ? new JobLogFiles(config.dir().resolve("logs"), config.jobLogFileBytes()) : null;
        this.timers = new Timers(clock, open.label());
        this.queues = new Queues(config.queues(), open.label());
        DueTimer due = new DueTimer(timers, scheduler::wake);
        RunFactory runFactory = new RunFactory(registry, codec, db, events, announcer, config.progressInterval(),
                config.progressPersistInterval());
        this.ruleGate = new RuleGate((at, action) -> timers.after(clock.millis(), Math.max(0, at - clock.millis()), action),
                scheduler::wake);
        this.conditions = new ConditionGate(ConditionMonitor.forThisPlatform(config.dir()), this::conditionsChanged);
        ruleGate.conditions(conditions::unmet);
        ruleGate.onNothingRuled(conditions::unwatchAll);
        this.wake = new WakeWatch(timers::rearm, conditions::recheck, open.label());
        timers.onBusyChange(wake::waiting);
        this.claims = new Claims(db, runs, queues, scheduler, runFactory, clock, timers, open, this::startRun,
                config.claimAhead(), System::nanoTime, ruleGate);
        CompletionBatcher completions = new CompletionBatcher(database.writer(), runs, claims);
        this.outcomes = new RunOutcomes(db, completions, codec, clock, runs, announcer, due, claims,
                config.maxBackoff(), metrics);
        this.watchdogs = new Watchdogs(timers, clock, runs, announcer, open, config.timeoutGrace(),
                config.stallTimeout(), outcomes::abandonTimedOut);
        NewJobs newJobs = new NewJobs(registry, codec, clock, queues, config.queueRates());
        JobLookup lookup = new JobLookup(db, codec, registry, runs, open, ruleGate::waitingFor);
        this.retention = new HistoryRetention(db, clock, logFiles, open, config.historyMaxAge(),
                config.historyMaxCount());
        TagPauses tagPauses = new TagPauses(database.read(RuledJobs::pausedTags), announcer);
        RunServices services = new RunServices(codec, clock, db, newJobs, announcer, scheduler::wake,
                new CrashHook(config.crashPoint(), this::crash), lookup::job, logFiles, config.logBudget(), config.dir(),
                tagPauses, metrics, open.label());
        this.runner = new JobRunner(services, registry, claims, outcomes, rj -> retention.runEnded(), metrics);
        JobControl control = new JobControl(db, clock, codec, runs, claims, announcer, due, scheduler, open);
        Handles handles = new Handles(lookup, control, events);
        Dispatcher dispatcher = new Dispatcher(registry, codec, newJobs, db, announcer, claims, due, scheduler, runs,
                handles, clock, tagPauses);
        BulkControl bulk = new BulkControl(lookup, control, tagPauses, db, clock, claims);
        RecurringSchedules recurring = new RecurringSchedules(db, clock, announcer, newJobs, due, scheduler::wake);
        this.pass = new SchedulingPass(db, clock, runs, claims, due, recurring, open);
        QueueControl queueControl = new QueueControl(queues, claims, db, runs, due, scheduler, clock);
        this.outbox = new OutboxDrainer(db, announcer, queues, due, scheduler);
        this.cycles = new DependencyCycles(db, codec, clock, open.label());
        MetricsReport metricsReport = new MetricsReport(metrics, db, queues, runs, clock);
        this.library = new OpenLibrary(config.dir(), config.outbox(), open, this, dispatcher, lookup, handles, control,
                queueControl, recurring, retention, outbox, events, logFiles, bulk,
                new ProgressGroups(lookup, events, timers, clock, config.progressInterval().toMillis()), metricsReport);
    }

    /** Opens a library; see {@link dev.stint.Library.Builder#open()}. */
    static OpenLibrary open(EngineConfig config) {
        createFolder(config.dir(), "library folder");
        if (config.separateDatabase()) {
            createFolder(config.databaseDir(), "database folder");
        }
        new NetworkFolders(config.fileStoreTypes()).refuseIfNetwork(config.databaseDir());
        warnIfSynced(config);
        DatabaseFolder.refuseIfElsewhere(config.dir(), config.databaseDir());
        JobRegistry registry = JobRegistry.load(config.catalogs(), config.serviceLoader());
        LibraryLock lock = LibraryLock.acquire(config.databaseDir(), config.dir());
        Database database = null;
        try {
            DatabaseFolder folder = DatabaseFolder.check(config.dir(), config.databaseDir(), lock);
            Metrics metrics = new Metrics(config.clock().instant());
            database = Database.open(config.databaseDir(), config.durability(), config.busyTimeout(),
                    CommitThread.fromSystemProperty(), metrics::batchCommitted);
            folder.recordOpened();
            lock.markOpened();
            StateCodec codec = new StateCodec();
            codec.useLimits(config.blobLimits());
            codec.checkEveryStore(config.strictRoundTrips());
            Lifecycle lifecycle = new Lifecycle(config, lock, database, registry, codec, metrics);
            try {
                lifecycle.applyRestartRules();
                // after the restart rules: jobs a crash left running are queued again by now
                lifecycle.ruleGate.opened(database.read(RuledJobs::anyQueued));
            } catch (RuntimeException e) {
                lifecycle.timers.close();
                lifecycle.events.close();
                throw e;
            }
            if (config.outbox() != null) {
                try {
                    lifecycle.library.drainOutbox();
                } catch (RuntimeException e) {
                    lifecycle.close();
                    throw e;
                }
            }
            if (config.autoStart()) {
                lifecycle.start();
            }
            if (config.controlEndpoint() != null) {
                lifecycle.startControlEndpoint();
            }
            return lifecycle.library;
        } catch (RuntimeException e) {
            if (database != null) {
                database.close();
            }
            lock.close();
            throw e;
        }
    }

    private static void createFolder(java.nio.file.Path folder, String what) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StorageException("cannot create " + what + " " + folder + ": " + e.getMessage(), e);
        }
    }

    /** A hint, not a refusal: see {@link SyncFolders} for why. */
    private static void warnIfSynced(EngineConfig config) {
        SyncFolders.syncedBy(config.databaseDir()).ifPresent(tool -> LOG.warn("library {}: jobs.db is in {}, inside"
                + " {}, which a file-sync tool may copy. A copy of jobs.db taken without its jobs.db-wal, or an older"
                + " copy brought back, loses jobs: keep the library closed while it syncs, or put its database in a"
                + " local folder that is not synced with Library.Builder.databaseFolder(Path)",
                LogText.escape(String.valueOf(config.dir())), LogText.escape(String.valueOf(config.databaseDir())),
                LogText.escape(tool)));
    }

    /**
     * Restart rules: jobs left running by a crashed owner are queued again (they resume from their
     * checkpoint); jobs that wait on themselves fail ({@link DependencyCycles}); paused queues stay paused;
     * queues found in {@code jobs.db} are adopted; missed runs of recurring schedules follow their policy;
     * history limits apply; the stall watchdog starts.
     */
    private void applyRestartRules() {
        long now = clock.millis();
        List<String> recovered = db.write(s -> {
            List<String> requeued = ActiveJobs.requeueInterrupted(s, now);
            // a job a crash stopped before it saw its tag's pause stays held by the tag, as a paused queue holds it
            if (!requeued.isEmpty()) {
                RuledJobs.holdPausedTagged(s, requeued);
            }
            return requeued;
        });
        if (!recovered.isEmpty()) {
            LOG.info("library {}: {} job(s) interrupted by a crash will resume: {}", open.label(), recovered.size(),
                    recovered);
        }
        cycles.failCycles();
        queues.restorePaused(db.write(QueueStore::pausedQueues));
        db.read(JobReads::queuesInUse).forEach(queues::adoptFound);
        db.write(s -> {
            pass.fireSchedules(s, now, true);
            return null;
        });
        retention.applyLimits();
        watchdogs.startStallWatch();
    }

    /**
     * Starts the control endpoint, a client of the open library like any other; if it cannot start, the library
     * closes again and the open fails.
     */
    private void startControlEndpoint() {
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            java.util.function.Supplier<?> metrics = () -> {
                try {
                    return json.readTree(dev.stint.internal.observe.MetricsJson.encode(library.metrics()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("metrics JSON", e);
                }
            };
            ControlServer server = ControlServer.start(library, config.controlEndpoint(), registry.newestVersions(),
                    java.util.Optional.of(metrics));
            controlServer = server;
            library.controlServer(server);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Stops the control endpoint, if it runs: no new request reaches the library. */
    private void stopControlEndpoint() {
        ControlServer server = controlServer;
        if (server != null) {
            server.close();
        }
    }

    /** Starts the scheduler (once). */
    void start() {
        open.ensureOpen();
        scheduler.start(open.label(), pass);
    }

    boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
        return scheduler.awaitIdle(timeout);
    }

    /** Starts a run on a worker of its own (called by the gate when its queue has a free worker). */
    private void startRun(RunningJob rj) {
        rj.markStarted(clock.millis());
        watchdogs.armTimeout(rj);
        runner.start(rj);
    }

    /**
     * Closes the library: running jobs are asked to stop and get the shutdown timeout; those that do not
     * stop are recorded as interrupted (they resume from their latest checkpoint on the next open).
     */
    void close() {
        if (!open.close()) {
            return;
        }
        stopControlEndpoint();
        scheduler.stop();
        try {
            // a barrier: a write that claimed jobs before `closed` was set has committed and started them
            db.write(s -> null);
        } catch (RuntimeException e) {
            LOG.debug("library {}: closing barrier write failed: {}", open.label(), LogText.escape(e.getMessage()));
        }
        // runs claimed ahead have not started: they go back to their queue untouched
        List<RunningJob> waiting = claims.closeGate();
        if (!waiting.isEmpty() && !claims.giveBack(waiting)) {
            // still claimed in jobs.db: the next open treats them as interrupted runs
            waiting.forEach(rj -> {
                runs.remove(rj);
                claims.endRun(rj);
            });
        }
        List<RunningJob> stopping = runs.snapshot();
        for (RunningJob rj : stopping) {
            rj.requestInterrupt(InterruptReason.SHUTDOWN);
        }
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        for (RunningJob rj : stopping) {
            rj.awaitDone(deadline - System.nanoTime());
        }
        List<CompletableFuture<Boolean>> abandonWrites = new ArrayList<>();
        for (RunningJob rj : stopping) {
            if (rj.isDone()) {
                continue;
            }
            if (rj.settle()) {
                LOG.warn("job {} ({}) did not stop within {}; recorded as interrupted, it resumes from its latest"
                        + " checkpoint next time", LogText.escape(rj.id()), LogText.escape(rj.name()),
                                config.shutdownTimeout());
                rj.interruptThread();
                abandonWrites.add(outcomes.abandonedAtClose(rj));
                runs.remove(rj);
                claims.endRun(rj);
            } else {
                // its worker is recording the outcome right now: give that write a moment
                rj.awaitDone(TimeUnit.SECONDS.toNanos(2));
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
        wake.close();
        conditions.close();
        database.close();
        events.close();
        runs.failAllResults(id -> new LibraryClosedException(id,
                "library " + open.label() + " closed before job " + id + " finished; it resumes on the next open"));
        lock.close();
        LOG.debug("library {} closed", open.label());
    }

    /**
     * A device condition may have changed (the monitor's thread, or an app's {@code setCondition}): waiting jobs
     * are looked at again, and running jobs whose conditions no longer hold are interrupted, to resume when
     * they hold again.
     */
    private void conditionsChanged() {
        if (open.isClosed()) {
            return;
        }
        ruleGate.sweepAll();
        for (String id : ruleGate.runningWhereUnmet(conditions::unmet)) {
            RunningJob rj = runs.get(id);
            if (rj != null) {
                LOG.debug("job {}: a condition it requires no longer holds; it stops and waits for it",
                        LogText.escape(id));
                rj.requestInterrupt(InterruptReason.CONDITION);
            }
        }
        scheduler.wake();
    }

    /** Sets an app-defined condition ({@code Library.setCondition}). */
    void setCondition(String name, boolean holds) {
        conditions.set(name, holds);
    }

    /** Listens to library events ({@code Library.onLibraryEvent}). */
    dev.stint.Subscription onLibraryEvent(java.util.function.Consumer<dev.stint.LibraryEvent> listener) {
        return wake.subscribe(listener);
    }

    /** Records user input ({@code Library.userActive}). */
    void userActive() {
        conditions.userActive();
    }

    /**
     * Stops everything at once, as a killed process would: no outcome is recorded for running jobs, queued
     * writes are dropped, the owner lock is released. Tests only (through a {@link dev.stint.spi.CrashPoint}).
     */
    void crash() {
        if (!open.close()) {
            return;
        }
        LOG.warn("library {}: simulated crash", open.label());
        stopControlEndpoint();
        List<RunningJob> all = runs.snapshot();
        all.forEach(RunningJob::settle);
        database.crash();
        all.forEach(RunningJob::interruptThread);
        scheduler.stop();
        timers.close();
        wake.close();
        conditions.close();
        events.abort();
        runs.failAllResults(id -> new LibraryClosedException(id, "library " + open.label() + " crashed"));
        lock.close();
    }
}
