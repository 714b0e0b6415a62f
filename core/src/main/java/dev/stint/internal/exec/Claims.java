package dev.stint.internal.exec;

import dev.stint.JobStatus;
import dev.stint.internal.log.LogText;
import dev.stint.internal.observe.ClaimPassEvent;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.internal.store.JobRow;
import dev.stint.internal.store.NewJob;
import dev.stint.internal.store.WriteSession;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claiming: how many jobs each queue may claim now (its free workers plus its claim-ahead, none while
 * paused), the claim itself inside a write on the writer thread, the line of runs claimed ahead (the
 * {@link RunGate}), and the hand-back of runs claimed ahead that never started. Every claim runs on the
 * writer thread, so the count of busy slots cannot go stale between reading it and claiming.
 */
final class Claims {
    private static final Logger LOG = LoggerFactory.getLogger(Claims.class);

    private final JobsDb db;
    private final RunTable runs;
    private final Queues queues;
    private final Scheduler scheduler;
    private final RunFactory runFactory;
    private final InstantSource clock;
    private final Timers timers;
    private final OpenState open;
    private final RunGate gate;
    private final RuleGate rules;

    /**
     * @param startRun starts a run on a worker of its own (called by the gate when its queue has a free worker)
     * @param claimAhead jobs per worker a queue of short runs claims ahead (0: none)
     * @param nanoTime elapsed time in nanoseconds, by which the gate tells short runs ({@link System#nanoTime})
     * @param rules starts the jobs that wait under run rules, before the plain claim of each pass
     */
    Claims(JobsDb db, RunTable runs, Queues queues, Scheduler scheduler, RunFactory runFactory, InstantSource clock,
            Timers timers, OpenState open, Consumer<RunningJob> startRun, int claimAhead, LongSupplier nanoTime,
            RuleGate rules) {
        this.rules = rules;
        this.db = db;
        this.runs = runs;
        this.queues = queues;
        this.scheduler = scheduler;
        this.runFactory = runFactory;
        this.clock = clock;
        this.timers = timers;
        this.open = open;
        this.gate = new RunGate(queues::limit, claimAhead, startRun, this::armStaleCheck, nanoTime);
    }

    // ---- free slots ------------------------------------------------------------------------------------

    /** Whether any queue could claim a job now (cheap when every slot is taken, the common case under load). */
    boolean anyFreeSlot() {
        int capacity = 0;
        for (Map.Entry<String, Integer> q : queues.limits().entrySet()) {
            capacity += freeSlots(q.getKey(), q.getValue(), Map.of());
        }
        if (runs.size() >= capacity) {
            return false; // every slot of every queue is taken: no per-run walk
        }
        Map<String, Integer> claimed = runs.claimedByQueue(false);
        for (Map.Entry<String, Integer> q : queues.limits().entrySet()) {
            if (freeSlots(q.getKey(), q.getValue(), claimed) > 0) {
                return true;
            }
        }
        return false;
    }

    /** How many more jobs {@code queue} may claim now: none while paused; its workers plus its claim-ahead. */
    private int freeSlots(String queue, int concurrency, Map<String, Integer> claimed) {
        if (queues.isPaused(queue)) {
            return 0;
        }
        return concurrency + gate.claimAhead(queue, concurrency) - claimed.getOrDefault(queue, 0);
    }

    // ---- claiming --------------------------------------------------------------------------------------

    /**
     * Claims queued jobs for every free slot, inside the caller's write. {@code leaving} are runs this same
     * write ends. The claimed runs are registered at once and unregistered if the write rolls back; the
     * caller starts them ({@link #launch}) after the commit.
     */
    List<RunningJob> claimFreeSlots(WriteSession s, long now, List<RunningJob> leaving) throws SQLException {
        return claimFreeSlots(s, now, leaving, "scheduler");
    }

    /** As {@link #claimFreeSlots(WriteSession, long, List)}; {@code trigger} names the caller in Flight Recorder. */
    private List<RunningJob> claimFreeSlots(WriteSession s, long now, List<RunningJob> leaving, String trigger)
            throws SQLException {
        ClaimPassEvent event = ClaimPassEvent.beginIfRecorded();
        int asked = 0;
        Map<String, Integer> claimed = runs.claimedByQueue(false);
        for (RunningJob rj : leaving) {
            claimed.merge(rj.queue(), -1, Integer::sum);
        }
        Map<String, Integer> free = new java.util.HashMap<>();
        for (Map.Entry<String, Integer> q : queues.limits().entrySet()) {
            free.put(q.getKey(), freeSlots(q.getKey(), q.getValue(), claimed));
        }
        List<RunningJob> jobs = new ArrayList<>();
        // jobs under run rules first: they start only when their rules allow, and have waited for that
        for (JobRow row : rules.claim(s, now, free)) {
            jobs.add(started(row, now));
        }
        for (Map.Entry<String, Integer> q : free.entrySet()) {
            if (q.getValue() <= 0) {
                continue;
            }
            asked++;
            for (JobRow row : ActiveJobs.claim(s, q.getKey(), q.getValue(), now)) {
                jobs.add(started(row, now));
            }
        }
        ClaimPassEvent.commit(event, open.label(), trigger, asked, jobs.size());
        if (!jobs.isEmpty()) {
            s.onRollback(() -> jobs.forEach(rj -> {
                runs.remove(rj);
                endRun(rj);
            }));
        }
        return jobs;
    }

    private RunningJob started(JobRow row, long now) {
        StatusRules.change(row.id(), JobStatus.QUEUED, row.status());
        RunningJob rj = runFactory.create(row, now);
        runs.add(rj);
        scheduler.runStarted();
        return rj;
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
        if (open.isClosed() || !scheduler.isStarted()) {
            return;
        }
        String trigger = leaving.isEmpty() ? "dispatch" : "completions";
        List<RunningJob> jobs = claimFreeSlots(s, clock.millis(), leaving, trigger);
        if (!jobs.isEmpty()) {
            s.afterCommit(() -> jobs.forEach(this::launch));
        }
    }

    /** Inside the write that stored new jobs: those with run rules join their lines. */
    void rulesQueued(List<NewJob> rows) {
        rules.queued(rows);
    }

    /** Whether jobs under run rules may start later without anyone's action (see {@link RuleGate#pendingWork}). */
    boolean rulesPending() {
        return rules.pendingWork();
    }

    /**
     * A change that may let any job waiting under run rules start (a resume, a condition): the next passes
     * look at every line.
     */
    void rulesChanged() {
        rules.sweepAll();
    }

    /** Lines a claimed run up for a worker of its queue (it starts at once if one is free). */
    void launch(RunningJob rj) {
        gate.offer(rj);
    }

    /** A run's job code returned: its worker goes on to the next run claimed ahead in its queue. */
    void workerFreed(RunningJob rj) {
        gate.workerFreed(rj);
    }

    /** Ends a run for the scheduler exactly once (its thread ended, or it was abandoned). */
    void endRun(RunningJob rj) {
        if (rj.endCounted()) {
            scheduler.runEnded();
        }
    }

    /** A worker's run has ended, whatever the outcome: frees its worker and its slot. */
    void runEnded(RunningJob rj) {
        rules.released(rj.row().seq());
        if (rj.row().parentId() != null || rj.row().uniqueKey() != null) {
            // its parent, or the next job of its unique key's chain, may be a job under rules that can start now
            rules.sweepAll();
        }
        gate.workerFreed(rj);
        rj.cancelTimeoutTimer();
        runs.remove(rj);
        rj.markDone();
        endRun(rj);
    }

    // ---- hand-back of runs claimed ahead ----------------------------------------------------------------

    private void armStaleCheck(String queue) {
        timers.after(clock.millis(), TimeUnit.NANOSECONDS.toMillis(RunGate.STALE_WAIT_NANOS), () -> staleCheck(queue));
    }

    /** Hands back to the queue the runs claimed ahead that waited too long for a worker. */
    private void staleCheck(String queue) {
        if (open.isClosed()) {
            return;
        }
        List<RunningJob> stale = gate.withdrawStale(queue);
        if (!stale.isEmpty()) {
            LOG.debug("library {}: {} job(s) claimed ahead in queue '{}' waited too long for a worker; handed back",
                    open.label(), stale.size(), queue);
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
    boolean giveBack(List<RunningJob> given) {
        try {
            db.write(s -> {
                giveBack(s, given);
                return null;
            });
            return true;
        } catch (RuntimeException e) {
            LOG.warn("library {}: handing {} claimed job(s) back to their queue failed: {}", open.label(),
                    given.size(), LogText.escape(e.getMessage()));
            return false;
        }
    }

    /** Inside a write: see {@link #giveBack(List)}. On rollback the runs line up at the gate again. */
    void giveBack(WriteSession s, List<RunningJob> given) throws SQLException {
        List<String> ids = new ArrayList<>(given.size());
        given.forEach(rj -> ids.add(rj.id()));
        given.forEach(rj -> StatusRules.change(rj.id(), JobStatus.RUNNING, JobStatus.QUEUED));
        ActiveJobs.unclaim(s, ids, clock.millis());
        given.forEach(runs::remove);
        given.forEach(rj -> rules.released(rj.row().seq()));
        s.afterCommit(rules::sweepAll);
        s.onRollback(() -> given.forEach(rj -> {
            runs.add(rj);
            gate.offer(rj);
        }));
        s.afterCommit(() -> {
            given.forEach(this::endRun);
            scheduler.wake();
        });
    }

    /**
     * Inside a control's write: if {@code id} was claimed ahead and waits for a worker, hands it back to its
     * queue, so that the control then finds a queued job.
     */
    void giveBackIfWaiting(WriteSession s, String id) throws SQLException {
        RunningJob rj = runs.get(id);
        if (rj != null && gate.withdraw(rj)) {
            giveBack(s, List.of(rj));
        }
    }

    /** Inside the write that pauses {@code queue}: its runs claimed ahead have not started and go back. */
    void giveBackQueue(WriteSession s, String queue) throws SQLException {
        List<RunningJob> waiting = gate.withdrawAll(queue);
        if (!waiting.isEmpty()) {
            giveBack(s, waiting);
        }
    }

    /** Starts nothing more and returns the runs still waiting for a worker (the library is closing). */
    List<RunningJob> closeGate() {
        return gate.close();
    }
}
