package dev.stint.internal.exec;

import dev.stint.QueueInfo;
import dev.stint.UnknownQueueException;
import dev.stint.internal.store.JobReads;
import dev.stint.internal.store.QueueStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pause and resume of whole queues (stored, so they hold across restarts) and the queues' state as the
 * application sees it: concurrency, paused, busy workers, queued jobs.
 */
final class QueueControl {
    private final Queues queues;
    private final Claims claims;
    private final JobsDb db;
    private final RunTable runs;
    private final DueTimer due;
    private final Scheduler scheduler;
    private final InstantSource clock;

    QueueControl(Queues queues, Claims claims, JobsDb db, RunTable runs, DueTimer due, Scheduler scheduler,
            InstantSource clock) {
        this.queues = queues;
        this.claims = claims;
        this.db = db;
        this.runs = runs;
        this.due = due;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    void setPaused(String queue, boolean paused) {
        if (!queues.isKnown(queue)) {
            throw new UnknownQueueException(queue, queues.knownNames());
        }
        long now = clock.millis();
        db.write(s -> {
            QueueStore.setQueuePaused(s, queue, paused, now);
            if (paused) {
                // runs claimed ahead have not started: a paused queue starts nothing new
                claims.giveBackQueue(s, queue);
            }
            s.afterCommit(() -> queues.setPaused(queue, paused));
            return null;
        });
        due.changed();
        if (!paused) {
            claims.rulesChanged();
        }
        scheduler.wake();
    }

    List<QueueInfo> list() {
        // a run claimed ahead that waits for a worker keeps none busy
        Map<String, Integer> busy = runs.claimedByQueue(true);
        Map<String, Integer> queued = db.read(JobReads::queuedByQueue);
        List<QueueInfo> out = new ArrayList<>();
        for (Map.Entry<String, Integer> q : queues.sorted().entrySet()) {
            out.add(new QueueInfo(q.getKey(), q.getValue(), queues.isPaused(q.getKey()),
                    busy.getOrDefault(q.getKey(), 0), queued.getOrDefault(q.getKey(), 0)));
        }
        return out;
    }
}
