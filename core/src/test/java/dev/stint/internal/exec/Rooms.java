package dev.stint.internal.exec;

import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.observe.Metrics;
import dev.stint.internal.progress.EventBus;
import dev.stint.internal.store.Database;
import dev.stint.internal.store.Durability;
import dev.stint.internal.store.JobRow;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.internal.store.JobReads;
import dev.stint.internal.store.NewJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The claim and outcome rooms wired over a real {@code jobs.db} in a temp folder, without a scheduler thread
 * or workers: a test claims and records by hand and reads what was stored.
 */
final class Rooms implements AutoCloseable {
    final Database database;
    final JobsDb db;
    final InstantSource clock = InstantSource.system();
    /**
     * Elapsed nanoseconds as the claim gate sees them: they stand still unless a test moves them, so every run
     * is short however loaded the machine is.
     */
    final AtomicLong nanos = new AtomicLong();
    final StateCodec codec = new StateCodec();
    final EventBus events = new EventBus("test");
    final StatusAnnouncer announcer;
    final Metrics metrics = new Metrics(java.time.Instant.now());
    final OpenState open = new OpenState("test");
    final Timers timers = new Timers(clock, "test");
    final Scheduler scheduler = new Scheduler();
    final RunTable runs = new RunTable();
    final Queues queues;
    final DueTimer due;
    final RunFactory runFactory;
    final Claims claims;
    final RunOutcomes outcomes;
    /** The runs the gate started, in order. */
    final List<RunningJob> started = new CopyOnWriteArrayList<>();

    Rooms(Path dir, Map<String, Integer> queueLimits, int claimAhead) {
        database = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5));
        db = new JobsDb(database);
        ProgressRollUp rollUp = new ProgressRollUp(database, events::publishNow);
        announcer = new StatusAnnouncer(events, rollUp, metrics);
        queues = new Queues(queueLimits, "test");
        due = new DueTimer(timers, scheduler::wake);
        runFactory = new RunFactory(JobRegistry.load(List.of(), false), codec, db, events, announcer,
                Duration.ofMillis(50), Duration.ofSeconds(2));
        claims = new Claims(db, runs, queues, scheduler, runFactory, clock, timers, open, started::add, claimAhead,
                nanos::get, new RuleGate((at, action) -> timers.after(clock.millis(), Math.max(0, at - clock.millis()),
                        action), scheduler::wake));
        CompletionBatcher completions = new CompletionBatcher(database.writer(), runs, claims);
        outcomes = new RunOutcomes(db, completions, codec, clock, runs, announcer, due, claims, Duration.ofMinutes(1),
                metrics);
    }

    /** Stores a queued job of {@code queue} with {@code maxAttempts}. */
    String insert(String queue, int maxAttempts) {
        long now = clock.millis();
        NewJob job = new NewJob(JobIds.next(now), "test.job", 1, codec.encode(Map.of()), now, queue,
                0, null, maxAttempts, 10, null, null, null, null, null);
        db.write(s -> {
            ActiveJobs.insert(s, List.of(job));
            return null;
        });
        return job.id();
    }

    /** Claims for every free slot, in a write of its own. */
    List<RunningJob> claim() {
        return db.write(s -> claims.claimFreeSlots(s, clock.millis(), List.of()));
    }

    Optional<JobRow> stored(String id) {
        return db.read(c -> JobReads.find(c, id));
    }

    @Override
    public void close() {
        timers.close();
        events.close();
        database.close();
    }
}
