package dev.stint;

import dev.stint.spi.EngineProvider;
import dev.stint.spi.JobCatalog;
import dev.stint.spi.LibrarySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An open library: one folder, one {@code jobs.db}, one owner process. Dispatches jobs, runs them on
 * virtual-thread workers, and answers queries.
 *
 * <pre>{@code
 * try (Library library = Library.builder(Path.of("photos")).concurrency(4).open()) {
 *     JobHandle<Summary> handle = library.dispatch(new ImportJob("/media/card"));
 *     handle.subscribe(event -> ui.update(event));
 *     Summary summary = handle.result().join();
 * }
 * }</pre>
 *
 * <p>When a library opens, its restart rules apply: jobs that were running when the previous owner
 * crashed, and jobs stopped by a graceful shutdown, are queued again and resume from their latest
 * checkpoint; jobs the user paused stay paused; queued jobs run.
 *
 * <p>All methods are thread-safe. No method blocks on a running job, except {@link #awaitIdle} and
 * {@link #close()} (bounded by the shutdown timeout).
 *
 * <p>Every method that changes {@code jobs.db} (dispatches, pause, resume, cancel, queue controls, schedules,
 * pruning, outbox drains) waits for its write to commit. A thread interrupted while it waits gets a {@link
 * StintInterruptedException} (unchecked; its cause is the {@link InterruptedException}) with its interrupt flag
 * set again; the write may still commit. {@link #awaitIdle} throws the {@code InterruptedException} itself.
 */
public interface Library extends AutoCloseable {

    /** Starts configuring the library in {@code dir} (created if missing). */
    static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** The library folder. */
    Path dir();

    /**
     * Stores a job and queues it. The job is committed to {@code jobs.db} before this returns.
     *
     * @throws UnknownJobTypeException if the job's class is not in a registered catalog
     * @throws JobDataTooLargeException if its state is over {@link Builder#maxStateBytes}; nothing is stored
     * @throws StorageException if it could not be stored (nothing is stored then)
     * @throws LibraryClosedException if the library is closed
     * @throws StintInterruptedException if the calling thread is interrupted while it waits for the commit
     *     (the job may still be stored)
     */
    <O> JobHandle<O> dispatch(Job<O> job);

    /**
     * Stores a job with scheduling options: queue, priority, start time, retries, timeout, unique key,
     * initiator. With a unique key and {@link UniquePolicy#KEEP_EXISTING}, an active job holding the key is
     * returned instead and nothing is stored.
     *
     * @throws UnknownQueueException if the queue was not configured; nothing is stored
     */
    <O> JobHandle<O> dispatch(Job<O> job, DispatchOptions options);

    /**
     * Stores a job given by type name and JSON arguments (its state fields, by name; unknown fields are rejected).
     *
     * @throws UnknownJobTypeException if no registered type has that name; nothing is stored
     * @throws InvalidJobArgumentsException if the JSON is malformed or does not fit; nothing is stored
     */
    JobHandle<Object> dispatch(String name, String jsonArguments);

    /** {@link #dispatch(String, String)} with scheduling options. */
    JobHandle<Object> dispatch(String name, String jsonArguments, DispatchOptions options);

    /**
     * Dispatches a failed or cancelled job again, as a new job: the same type, the arguments it was dispatched with
     * (its initial state, not a later checkpoint: the retry starts from the beginning) and the same queue,
     * priority, attempts, backoff, timeout and initiator. It is not chained, has no parent and no unique key, and
     * it runs now. The new job's {@link JobInfo#retryOf()} names the old one, which stays in history as it was.
     * Works across restarts, for jobs dispatched by any process that used the library.
     *
     * @param id a job in history with status {@link JobStatus#FAILED} or {@link JobStatus#CANCELLED}
     * @return the new job's handle
     * @throws JobNotFoundException if no job has this id
     * @throws JobNotRetryableException if the job is active or completed (only failed and cancelled jobs are
     *     retried), if its arguments are not stored (it finished under schema version 7 or earlier, which did not
     *     keep them in history) or if its row is damaged
     * @throws UnknownJobTypeException if its type is not registered in this application
     */
    JobHandle<Object> retry(String id);

    /**
     * Stores several jobs in one transaction: either all are stored or none. Returns their handles in the
     * order of {@code jobs}, typed by the jobs' common output type: a {@code List<ImportJob>} of
     * {@code Job<Summary>} gives {@code List<JobHandle<Summary>>}; jobs of different output types give
     * handles of their common supertype ({@code Object} at worst).
     *
     * @param <O> the output type the handles are typed with: one that every job's output is a subtype of
     * @throws UnknownJobTypeException if any job's class is not registered; nothing is stored
     * @throws JobDataTooLargeException if any job's state is over {@link Builder#maxStateBytes}; nothing stored
     * @throws StorageException if they could not be stored (nothing is stored then)
     * @throws LibraryClosedException if the library is closed
     * @throws StintInterruptedException if the calling thread is interrupted while it waits for the commit
     *     (the jobs may still be stored, all of them or none)
     */
    <O> List<JobHandle<O>> dispatchAll(List<? extends Job<? extends O>> jobs);

    /**
     * {@link #dispatchAll(List)} with the same options for every job (a unique key is not allowed here).
     *
     * @param <O> the output type the handles are typed with: one that every job's output is a subtype of
     * @throws IllegalArgumentException if {@code options} has a unique key; nothing is stored
     * @throws UnknownQueueException if the queue was not configured; nothing is stored
     */
    <O> List<JobHandle<O>> dispatchAll(List<? extends Job<? extends O>> jobs, DispatchOptions options);

    /** A handle on an active or finished job of this library, if the id exists. */
    Optional<JobHandle<Object>> handle(String id);

    /** A typed handle; the caller asserts the job's output type. */
    <O> Optional<JobHandle<O>> handle(String id, Class<O> outputType);

    /** A snapshot of one job, active or in history. */
    Optional<JobInfo> job(String id);

    /** Active jobs (queued, running, paused) in dispatch order. */
    List<JobInfo> activeJobs();

    /** Finished jobs, the most recent {@code limit}, oldest first. */
    List<JobInfo> history(int limit);

    /**
     * Pauses a job. A queued job becomes paused at once; a running job is asked to stop at its next
     * interruption check and its state is stored. A paused job stays paused across restarts until
     * {@link #resume(String) resumed}. Pausing a paused job does nothing.
     *
     * @throws JobNotFoundException if the id is unknown
     * @throws IllegalJobTransitionException if the job has finished
     * @throws JobNotResumableException if the job is running and its type is not resumable
     * @throws StintInterruptedException if the calling thread is interrupted while it waits for the commit
     */
    void pause(String id);

    /**
     * Resumes a paused job: it is queued and continues from the state stored when it paused. Resuming a queued or
     * running job does nothing (a running job asked to pause is queued again as soon as it has stopped).
     *
     * @throws JobNotFoundException if the id is unknown
     * @throws IllegalJobTransitionException if the job has finished
     * @throws StintInterruptedException if the calling thread is interrupted while it waits for the commit
     */
    void resume(String id);

    /**
     * Cancels a job. A queued or paused job moves to history as cancelled at once; a running job is asked
     * to stop at its next interruption check. Cancelled jobs never resume.
     *
     * @throws JobNotFoundException if the id is unknown
     * @throws IllegalJobTransitionException if the job has finished
     * @throws StintInterruptedException if the calling thread is interrupted while it waits for the commit
     */
    void cancel(String id);

    /**
     * Pauses every queued and running job the query matches (its children too), as {@link #pause(String)}
     * would each; a job that cannot pause now (it finished meanwhile, or is running and not resumable) is
     * skipped. A query of tags alone ({@link JobQuery#tagged}) also pauses the tags: jobs dispatched later
     * with one of them are stored paused, across restarts, until {@link #resume(JobQuery) resumed}.
     *
     * <pre>{@code
     * library.pause(JobQuery.tagged("album:42"));   // this album's jobs, now and later
     * }</pre>
     *
     * @return how many jobs it paused or asked to pause
     */
    int pause(JobQuery query);

    /**
     * Resumes every paused job the query matches (its children too). A query of tags alone also lifts the
     * pause of those tags; a job that carries another paused tag stays paused.
     *
     * @return how many jobs it resumed
     */
    int resume(JobQuery query);

    /**
     * Cancels every queued, running and paused job the query matches (its children too), as
     * {@link #cancel(String)} would each. Jobs dispatched later are not affected.
     *
     * @return how many jobs it cancelled or asked to cancel
     */
    int cancel(JobQuery query);

    /**
     * Pauses a whole queue: its running jobs finish their current run, and no queued job of it starts until
     * {@link #resumeQueue(String) resumed}. Persisted: the queue stays paused across restarts.
     *
     * @throws UnknownQueueException if the queue was not configured
     * @throws StintInterruptedException if the calling thread is interrupted while it waits for the commit
     */
    void pauseQueue(String queue);

    /** Resumes a paused queue (persisted). */
    void resumeQueue(String queue);

    /** The queues configured for this library with their concurrency, paused state and running jobs. */
    List<QueueInfo> queues();

    /**
     * Jobs matching a query, active and finished, in dispatch order, one page at a time.
     */
    List<JobInfo> query(JobQuery query);

    /** How many jobs are in each status, in all and per queue (finished jobs still in history included). */
    JobCounts counts();

    /**
     * What this library has done since it opened (jobs dispatched, started, completed, failed, retried, ...; the
     * writer's commit batches; checkpoint latencies) and what it holds now (running jobs, queued jobs per queue).
     * The counters cost a few atomic additions where each thing happens; taking a snapshot runs one grouped
     * query on the reader connection. For a timeline of what happened, record Stint's Flight Recorder events
     * instead ({@code docs/observability.md}).
     *
     * @throws LibraryClosedException if the library is closed
     * @throws StorageException if {@code jobs.db} cannot be read
     */
    LibraryMetrics metrics();

    /**
     * Creates or replaces a recurring schedule: {@code template} (its state) is dispatched each time the
     * schedule fires, with {@code options} (a unique key is not allowed). Stored in {@code jobs.db}.
     *
     * @throws UnknownJobTypeException if the template's class is not registered
     */
    ScheduleInfo schedule(String name, Job<?> template, Schedule schedule, DispatchOptions options);

    /** {@link #schedule(String, Job, Schedule, DispatchOptions)} with default options. */
    default ScheduleInfo schedule(String name, Job<?> template, Schedule schedule) {
        return schedule(name, template, schedule, DispatchOptions.defaults());
    }

    /** Removes a recurring schedule; returns whether it existed. Jobs it already dispatched are not touched. */
    boolean unschedule(String name);

    /** The recurring schedules, by name. */
    List<ScheduleInfo> schedules();

    /**
     * Removes finished jobs from history: those in {@code scope} (completed and cancelled ones, and failed
     * ones too with {@link PruneScope#INCLUDE_FAILED}) that are older than {@code maxAge} or beyond the newest
     * {@code keep}. Their log files go with them. Returns how many were removed. The library also prunes by
     * its configured retention when it opens and as jobs finish (with {@link PruneScope#KEEP_FAILED}).
     *
     * @throws StintInterruptedException if the calling thread is interrupted while it waits for the commit
     */
    int pruneHistory(Duration maxAge, int keep, PruneScope scope);

    /** The log file of a job, when job log files are enabled and the job has logged. */
    Optional<Path> jobLogFile(String id);

    /**
     * Moves jobs written with {@link Outbox#dispatch} from the application's database into {@code jobs.db}
     * and deletes them from the outbox. Idempotent: a job already moved (a crash between the two commits)
     * is not stored twice. Uses its own transactions on {@code appConnection}, which must not be inside
     * one. Returns how many jobs were moved.
     *
     * @throws StorageException if either database cannot be read or written
     * @throws StintInterruptedException if the calling thread is interrupted while it waits for a commit
     */
    int drainOutbox(java.sql.Connection appConnection);

    /** Drains the outbox of the {@link Builder#outbox} source, if one was configured; returns jobs moved. */
    int drainOutbox();

    /**
     * The base URI of this library's control endpoint ({@code http://127.0.0.1:PORT}), when it was opened with
     * {@link Builder#controlEndpoint(ControlEndpoint)}; empty otherwise and once the library is closed.
     */
    Optional<java.net.URI> controlUri();

    /** Listens to every job's events. */
    Subscription subscribe(JobListener listener);

    /**
     * Follows the progress of a group of jobs as one: the jobs the query matches by tags, name, queue, parent and
     * creation time, now and dispatched later (see {@link ProgressGroup}, {@link GroupProgress}). Close it when
     * done.
     *
     * <pre>{@code
     * ProgressGroup album = library.progress(JobQuery.tagged("album:42"));
     * album.subscribe(p -> Platform.runLater(() -> bar.setProgress(p.fraction())));
     * }</pre>
     */
    ProgressGroup progress(JobQuery query);

    /**
     * Sets a condition the app defines ({@link Condition#named}), for example whether a VPN is up: jobs that
     * require it start while it holds, and running ones stop (to resume later) when it stops holding. A name
     * never set does not hold. Not stored: set it again after each open.
     */
    void setCondition(String name, boolean holds);

    /**
     * Tells the library the user did something (a key, the mouse): it ends a {@link Condition#userIdleFor} spell.
     * Cheap; an app calls it from its input handlers, at most about once a second ({@code fx} offers
     * {@code UserActivity.feed(scene, library::userActive)}).
     */
    void userActive();

    /**
     * Listens to events of the library itself (not of one job), such as {@link LibraryEvent.Woke} after the
     * machine slept. Called on a library thread, never on a worker; keep it short.
     */
    Subscription onLibraryEvent(java.util.function.Consumer<LibraryEvent> listener);

    /** Starts the workers, if the library was opened with {@link Builder#autoStart(boolean) autoStart(false)}. */
    void start();

    /**
     * Waits until no job is running and none is queued (paused jobs do not count), or the timeout passes; returns
     * true if the library is idle.
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException;

    /**
     * Shuts down: asks every running job to stop (in parallel), waits up to the shutdown timeout, stores
     * their state, and closes {@code jobs.db}. A job that does not stop in time is recorded as interrupted
     * and resumes from its latest checkpoint next time. Unfinished handles' results complete with
     * {@link LibraryClosedException}. Closing twice does nothing.
     */
    @Override
    void close();

    /** Settings of a library, validated as they are set. */
    final class Builder {
        static {
            // test-only settings (dev.stint.spi.TestHooks) reach the engine settings through this door
            EngineProvider.get().readSettingsWith(builder -> builder.config);
        }

        private final LibrarySettings config;

        private Builder(Path dir) {
            this.config = EngineProvider.get().settings(Objects.requireNonNull(dir, "dir"));
        }

        /**
         * How many jobs of the default queue run at once (default: number of processors, at least 4;
         * workers are virtual threads).
         */
        public Builder concurrency(int concurrency) {
            config.concurrency(concurrency);
            return this;
        }

        /**
         * Adds a named queue with its own concurrency limit. Jobs name their queue when dispatched
         * ({@link DispatchOptions#withQueue}) or in their type's {@link JobPolicy}; the default queue,
         * {@code "default"}, has {@link #concurrency(int)}.
         */
        public Builder queue(String name, int concurrency) {
            config.queue(name, concurrency);
            return this;
        }

        /**
         * At most {@code starts} jobs of the queue start within any window of length {@code per} (a sliding
         * window over the stored start times, so a restart does not reset it). Applies to the jobs dispatched
         * to the queue from now on, children included, and together with a job's own
         * {@link DispatchOptions#withRateLimit}. Not stored: give it at every open.
         */
        public Builder queueRateLimit(String queue, int starts, Duration per) {
            config.queueRateLimit(queue, starts, per);
            return this;
        }

        /**
         * Emits {@link JobEvent.Stalled} for a running job that has reported neither progress nor a
         * checkpoint for this long (default: no watchdog).
         */
        public Builder stallTimeout(Duration timeout) {
            config.stallTimeout(timeout);
            return this;
        }

        /** How long a timed-out job has to stop at its next interruption check before it is abandoned (default 5 s). */
        public Builder timeoutGrace(Duration grace) {
            config.timeoutGrace(grace);
            return this;
        }

        /**
         * How many jobs per worker a queue claims ahead of its free workers while its jobs are short (their
         * average run under 1 ms); default 16, 0 turns it off. Jobs claimed ahead start the moment a worker's
         * job returns, without waiting for a write, so a stream of short jobs keeps every worker busy and
         * each commit carries many jobs. Such a job shows as running (its claim is committed) up to about
         * 200 ms before its code starts; after that it goes back to its queue and the queue claims only for
         * free workers until its jobs are short again. Pause, cancel, a paused queue and {@link Library#close()} hand
         * waiting jobs back at once. A queue of longer jobs never claims ahead.
         */
        public Builder claimAhead(int jobsPerWorker) {
            config.claimAhead(jobsPerWorker);
            return this;
        }

        /** The longest delay between two attempts of a retried job (default 1 hour). */
        public Builder maxBackoff(Duration max) {
            config.maxBackoff(max);
            return this;
        }

        /**
         * How long completed and cancelled jobs stay in history, and how many at most (default 30 days and
         * 10,000). Failed jobs are kept until pruned explicitly with {@link Library#pruneHistory} and
         * {@link PruneScope#INCLUDE_FAILED}.
         */
        public Builder historyRetention(Duration maxAge, int maxCount) {
            config.historyRetention(maxAge, maxCount);
            return this;
        }

        /**
         * Also writes each job's {@link JobContext#log()} lines to {@code logs/<id>.log} in the library folder,
         * at most {@code maxBytesPerJob} per job (default: off).
         */
        public Builder jobLogFiles(long maxBytesPerJob) {
            config.jobLogFiles(maxBytesPerJob);
            return this;
        }

        /** How much each job may log through {@link JobContext#log()} (default {@link LogBudget#defaults()}). */
        public Builder logBudget(LogBudget budget) {
            config.logBudget(budget);
            return this;
        }

        /**
         * The application's database holding an {@link Outbox}: it is drained when the library opens (so
         * jobs committed before a crash are never lost) and on {@link Library#drainOutbox()}.
         */
        public Builder outbox(Outbox.ConnectionSource source) {
            config.outbox(source);
            return this;
        }

        /** Adds a job catalog explicitly (in addition to those found with {@link java.util.ServiceLoader}). */
        public Builder catalog(JobCatalog catalog) {
            config.catalog(catalog);
            return this;
        }

        /** Whether to find catalogs with {@link java.util.ServiceLoader} (default true). */
        public Builder useServiceLoader(boolean use) {
            config.useServiceLoader(use);
            return this;
        }

        /** Minimum time between two progress events of one job (default 100 ms). */
        public Builder progressInterval(Duration interval) {
            config.progressInterval(interval);
            return this;
        }

        /** Minimum time between two progress snapshots of one job written to {@code jobs.db} (default 2 s). */
        public Builder progressPersistInterval(Duration interval) {
            config.progressPersistInterval(interval);
            return this;
        }

        /** How long {@link Library#close()} waits for running jobs to stop (default 10 s). */
        public Builder shutdownTimeout(Duration timeout) {
            config.shutdownTimeout(timeout);
            return this;
        }

        /** How long a write waits for another program that holds a lock on {@code jobs.db} (default 5 s). */
        public Builder busyTimeout(Duration timeout) {
            config.busyTimeout(timeout);
            return this;
        }

        /**
         * The library's clock: stored timestamps and every timer (delayed jobs, retry backoffs, timeouts,
         * the stall watchdog, recurring schedules) follow it (default: the system clock). A clock that
         * implements {@link dev.stint.spi.AdvanceableClock}, such as the test kit's {@code ManualClock},
         * fires the timers when it is advanced instead of after real delays.
         */
        public Builder clock(InstantSource clock) {
            config.clock(clock);
            return this;
        }

        /** Whether workers start when the library opens (default true). */
        public Builder autoStart(boolean autoStart) {
            config.autoStart(autoStart);
            return this;
        }

        /**
         * Whether commits are power-safe: each commit is synced, so it survives a power loss or an OS crash
         * (default true, SQLite {@code synchronous=FULL}). With false, every commit still survives a process
         * crash, but the latest ones may be lost on a power loss; commits are then several times faster.
         */
        public Builder powerSafe(boolean powerSafe) {
            config.powerSafe(powerSafe);
            return this;
        }

        /**
         * The largest encoded (MessagePack) job state a job may store, in bytes (default 16 MiB): its dispatch
         * arguments, each checkpoint, the state saved at a pause, each step result and the intermediate
         * results. A dispatch over it throws {@link JobDataTooLargeException} and stores nothing; a
         * {@link JobContext#checkpoint()}, {@link JobContext#step step} or {@link JobContext#mergeResults}
         * over it throws that exception to the job's code and writes nothing. Stored blobs larger than both
         * this and {@link #maxOutputBytes} are refused when read (the job fails with
         * {@link JobStateDecodeException}), so lowering a limit below data already stored fails those jobs.
         */
        public Builder maxStateBytes(long bytes) {
            config.maxStateBytes(bytes);
            return this;
        }

        /**
         * The largest encoded output a job may return, in bytes (default 16 MiB). A job whose output is over
         * it fails (critically, without retries) with a {@link JobDataTooLargeException} in its history.
         */
        public Builder maxOutputBytes(long bytes) {
            config.maxOutputBytes(bytes);
            return this;
        }

        /**
         * The largest encoded data map of one {@link Progress.Phase} report, in bytes (default 64 KiB). A report
         * over it is delivered without its data, and the job goes on; the first such report of a run is
         * recorded as a non-critical error ({@link JobDataTooLargeException}'s message).
         */
        public Builder maxProgressDataBytes(long bytes) {
            config.maxProgressDataBytes(bytes);
            return this;
        }

        /**
         * Where {@code jobs.db} lives, with its write-ahead log ({@code jobs.db-wal}, {@code jobs.db-shm}) and the
         * owner lock ({@code jobs.db.lock}); default: the library folder. Everything else of the library (job log
         * files in {@code logs/}, extensions in {@code plugins/}, whatever the application keeps there) stays in
         * the library folder. Use it for a library folder on a network share (refused otherwise, with
         * {@link NetworkFileSystemException}) or in a folder a sync tool copies: give a local folder, for example
         * under the application's data folder, that is not synced. The folder is created if needed.
         *
         * <p>A database folder belongs to one library: the first open records which (a {@code jobs.db.library}
         * file in the database folder, a {@code jobs.db.location} file in the library folder), and opening another
         * library with the same folder, or this library with another folder or none, is refused with
         * {@link WrongDatabaseFolderException}. A library whose {@code jobs.db} is still in its own folder is
         * refused too: close it and move {@code jobs.db} (and {@code jobs.db-wal}, if there is one) into the
         * database folder first. The same folder as the library folder means the default. Must not be used to
         * share one database between several machines: each machine would need its own copy of the jobs.
         *
         * @throws NullPointerException if {@code folder} is null
         */
        public Builder databaseFolder(Path folder) {
            config.databaseFolder(folder);
            return this;
        }

        /**
         * Turns on the control endpoint (default: off): a loopback-only HTTP endpoint, guarded by a token in an
         * owner-only file, through which other processes of the same user query and steer this library while this
         * process owns it (the {@code stint} console, a dashboard page, {@link RemoteLibrary}). It starts when the
         * library has opened and stops first when it closes. See {@link ControlEndpoint} and
         * {@code docs/control-api.md}.
         *
         * @throws NullPointerException if {@code endpoint} is null
         */
        public Builder controlEndpoint(ControlEndpoint endpoint) {
            config.controlEndpoint(endpoint);
            return this;
        }

        /**
         * Opens the library: takes the owner lock, opens or creates {@code jobs.db}, migrates its schema and
         * applies the restart rules.
         *
         * @throws LibraryLockedException if the library is open elsewhere
         * @throws NetworkFileSystemException if {@code jobs.db} would live on a network file system
         * @throws WrongDatabaseFolderException if {@code jobs.db} is not in the {@link #databaseFolder} this open
         *     names, or that folder holds another library's database
         * @throws StorageException if {@code jobs.db} cannot be opened or is not a Stint library
         * @throws DuplicateJobTypeException if two catalogs register the same name and version
         * @throws ControlEndpointException if a {@link #controlEndpoint control endpoint} was asked for and cannot
         *     start (the library is closed again)
         */
        public Library open() {
            return config.open();
        }
    }
}
