package dev.stint.internal.exec;

import dev.stint.DispatchOptions;
import dev.stint.Job;
import dev.stint.Schedule;
import dev.stint.ScheduleInfo;
import dev.stint.internal.log.LogText;
import dev.stint.internal.schedule.ScheduleSpec;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.internal.store.NewJob;
import dev.stint.internal.store.ScheduleStore;
import dev.stint.internal.store.WriteSession;
import dev.stint.spi.JobDescriptor;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recurring schedules stored in {@code recurring_jobs}: creating and removing them, and dispatching their
 * due runs inside the scheduler's transaction. A run is skipped while the schedule's previous job is still
 * active; runs missed while the library was closed follow the schedule's policy (one run, or none).
 */
final class RecurringSchedules {
    private static final Logger LOG = LoggerFactory.getLogger(RecurringSchedules.class);

    private final JobsDb db;
    private final InstantSource clock;
    private final StatusAnnouncer announcer;
    private final NewJobs newJobs;
    private final DueTimer due;
    private final Runnable wakeScheduler;

    RecurringSchedules(JobsDb db, InstantSource clock, StatusAnnouncer announcer, NewJobs newJobs, DueTimer due,
            Runnable wakeScheduler) {
        this.db = db;
        this.clock = clock;
        this.announcer = announcer;
        this.newJobs = newJobs;
        this.due = due;
        this.wakeScheduler = wakeScheduler;
    }

    /** Stores (or replaces) a schedule whose runs start from {@code template}'s state and {@code options}. */
    ScheduleInfo schedule(String name, Job<?> template, Schedule schedule, DispatchOptions options) {
        JobDescriptor d = newJobs.describe(template);
        NewJob shape = newJobs.of(d, template, options);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("schedule name must not be blank");
        }
        if (options.uniqueKey() != null) {
            throw new IllegalArgumentException("a recurring schedule cannot carry a unique key (it never overlaps itself)");
        }
        long now = clock.millis();
        long first = ScheduleSpec.of(schedule).first(now);
        var row = new ScheduleStore.ScheduleRow(name, d.name(), d.version(), shape.state(), schedule.toString(),
                schedule.zone().getId(), schedule.missedRuns() == Schedule.MissedRuns.SKIP ? "skip" : "run_once", first,
                shape.queue(), shape.priority(), shape.maxAttempts(), shape.backoffMs(), shape.timeoutMs(),
                shape.initiator(), null);
        db.write(s -> {
            ScheduleStore.upsert(s, row, now);
            return null;
        });
        due.schedulesChanged();
        wakeScheduler.run();
        return toScheduleInfo(row);
    }

    /** Removes a schedule; returns whether it existed. */
    boolean unschedule(String name) {
        boolean removed = db.write(s -> ScheduleStore.delete(s, name));
        due.changed();
        wakeScheduler.run();
        return removed;
    }

    /** Every schedule, by name. */
    List<ScheduleInfo> schedules() {
        return db.read(ScheduleStore::all).stream().map(RecurringSchedules::toScheduleInfo).toList();
    }

    private static ScheduleInfo toScheduleInfo(ScheduleStore.ScheduleRow r) {
        return new ScheduleInfo(r.name(), r.jobName(), r.schedule(), r.zone(),
                "skip".equals(r.missed()) ? Schedule.MissedRuns.SKIP : Schedule.MissedRuns.RUN_ONCE,
                Instant.ofEpochMilli(r.nextRunAt()), r.lastJobId());
    }

    /**
     * Dispatches the runs of every due schedule (on the writer thread, inside the claim's transaction).
     * At open, runs missed while the library was closed follow each schedule's policy: one run, or none.
     * A run is skipped while the schedule's previous job is still active.
     */
    /** Dispatches due runs on the writer thread; returns whether any schedule fired. */
    boolean fire(WriteSession s, long now, boolean atOpen) throws SQLException {
        boolean fired = false;
        for (var r : ScheduleStore.due(s, now)) {
            long next;
            try {
                next = nextRun(r, now);
            } catch (RuntimeException unreadable) {
                // a crafted or damaged schedule (a period of zero, a spec that does not parse) must not stop the
                // library: it is disabled (never due again) until the app schedules that name anew
                LOG.warn("schedule {} cannot be read ({}): it is disabled until it is scheduled again",
                        LogText.escape(r.name()),
                        unreadable.toString());
                ScheduleStore.fired(s, r.name(), Long.MAX_VALUE, null, now);
                fired = true;
                continue;
            }
            String dispatched = null;
            boolean skipMissed = atOpen && "skip".equals(r.missed());
            boolean previousActive = r.lastJobId() != null && ScheduleStore.isActive(s, r.lastJobId());
            if (!skipMissed && !previousActive) {
                NewJob job = NewJobs.ofSchedule(r, now);
                ActiveJobs.insert(s, List.of(job));
                dispatched = job.id();
                s.afterCommit(() -> announcer.queued(List.of(job)));
            } else if (previousActive) {
                LOG.info("schedule {}: previous run {} still active; this run is skipped", LogText.escape(r.name()),
                        LogText.escape(r.lastJobId()));
            }
            ScheduleStore.fired(s, r.name(), next, dispatched, now);
            fired = true;
        }
        return fired;
    }

    private static long nextRun(ScheduleStore.ScheduleRow r, long now) {
        return ScheduleSpec.parse(r.schedule(), r.zone()).nextAfter(r.nextRunAt(), now);
    }
}
