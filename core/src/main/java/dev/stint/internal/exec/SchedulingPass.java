package dev.stint.internal.exec;

import dev.stint.internal.store.JobReads;
import dev.stint.internal.store.ScheduleStore;
import dev.stint.internal.store.WriteSession;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;

/**
 * One pass of the {@link Scheduler}: in one write, fires the recurring schedules that are due, claims jobs
 * for every free slot and, when asked, finds the next due time for the {@link DueTimer}; after the commit,
 * lines the claimed runs up for their workers.
 */
final class SchedulingPass implements Scheduler.Starter {
    private record Outcome(List<RunningJob> started, boolean pending, Long nextDue, boolean dueRecomputed) {
    }

    private final JobsDb db;
    private final InstantSource clock;
    private final RunTable runs;
    private final Claims claims;
    private final DueTimer due;
    private final RecurringSchedules recurring;
    private final OpenState open;

    SchedulingPass(JobsDb db, InstantSource clock, RunTable runs, Claims claims, DueTimer due,
            RecurringSchedules recurring, OpenState open) {
        this.db = db;
        this.clock = clock;
        this.runs = runs;
        this.claims = claims;
        this.due = due;
        this.recurring = recurring;
        this.open = open;
    }

    @Override
    public boolean claimAndStart() {
        if (open.isClosed()) {
            return false;
        }
        long now = clock.millis();
        if (!runs.isEmpty() && due.quiet(now) && !claims.anyFreeSlot()) {
            // every slot is taken and no timer work is owed: nothing to claim, no write needed; the run that
            // ends next wakes the scheduler again (and running jobs mean the engine is not idle)
            return true;
        }
        Outcome outcome = db.write(s -> {
            if (due.schedulesMayBeDue(now)) {
                fireSchedules(s, now, false);
            }
            boolean recompute = due.takeChanged();
            s.onRollback(due::changed);
            List<RunningJob> jobs = claims.claimFreeSlots(s, now, List.of());
            Long next = recompute ? due.recomputed(JobReads.nextDue(s, now), ScheduleStore.nextDue(s)) : null;
            // a pass that started jobs is not idle whatever is queued: skip the query then
            boolean pending = !jobs.isEmpty() || JobReads.anyPending(s) || claims.rulesPending();
            return new Outcome(jobs, pending, next, recompute);
        });
        outcome.started().forEach(claims::launch);
        if (outcome.dueRecomputed()) {
            due.arm(outcome.nextDue());
        }
        return outcome.pending();
    }

    /** Dispatches the due runs of recurring schedules (writer thread); see {@link RecurringSchedules#fire}. */
    void fireSchedules(WriteSession s, long now, boolean atOpen) throws SQLException {
        if (recurring.fire(s, now, atOpen)) {
            due.schedulesChanged();
        }
    }
}
