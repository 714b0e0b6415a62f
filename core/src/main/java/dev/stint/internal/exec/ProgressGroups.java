package dev.stint.internal.exec;

import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.ProgressGroup;
import dev.stint.internal.progress.EventBus;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** Opens {@link ProgressGroup}s ({@code Library.progress(JobQuery)}): reads the group's jobs, then follows events. */
final class ProgressGroups {
    private static final int PAGE = 1_000;

    private final JobLookup lookup;
    private final EventBus events;
    private final Timers timers;
    private final InstantSource clock;
    private final long intervalMillis;

    ProgressGroups(JobLookup lookup, EventBus events, Timers timers, InstantSource clock, long intervalMillis) {
        this.lookup = lookup;
        this.events = events;
        this.timers = timers;
        this.clock = clock;
        this.intervalMillis = intervalMillis;
    }

    ProgressGroup open(JobQuery query) {
        JobQuery members = query.withStatus(JobStatus.QUEUED, JobStatus.values()).page(0, PAGE);
        ProgressGroupTracker[] tracker = new ProgressGroupTracker[1];
        // subscribed before the read, so that no change between the read and the subscription is missed; events
        // before the tracker exists are dropped, and the read that follows has them
        List<dev.stint.JobEvent> early = new ArrayList<>();
        dev.stint.Subscription sub = events.subscribe(e -> {
            ProgressGroupTracker t;
            synchronized (early) {
                t = tracker[0];
                if (t == null) {
                    early.add(e);
                    return;
                }
            }
            t.onEvent(e);
        });
        List<JobInfo> initial = new ArrayList<>();
        for (List<JobInfo> page = lookup.query(members); !page.isEmpty();
                page = lookup.query(members.after(page.get(page.size() - 1)))) {
            initial.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
        }
        ProgressGroupTracker t = new ProgressGroupTracker(query, initial, lookup::job,
                (delay, action) -> timers.after(clock.millis(), delay, action), intervalMillis);
        t.follow(sub);
        List<dev.stint.JobEvent> replay;
        synchronized (early) {
            replay = new ArrayList<>(early);
            tracker[0] = t;
        }
        replay.forEach(t::onEvent);
        return t;
    }
}
