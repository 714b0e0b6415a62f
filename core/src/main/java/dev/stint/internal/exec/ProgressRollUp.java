package dev.stint.internal.exec;

import dev.stint.JobEvent;
import dev.stint.JobListener;
import dev.stint.JobStatus;
import dev.stint.Progress;
import dev.stint.internal.store.Database;
import dev.stint.internal.store.JobReads;
import dev.stint.internal.store.JobRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rolls child jobs' progress up to their parent: the parent's progress is the mean of its children's
 * fractions (a finished child counts as done), published as the parent's own {@link JobEvent.ProgressUpdated}
 * while it waits. Runs on the event thread.
 */
final class ProgressRollUp implements JobListener {
    private final Database db;
    private final Map<String, String> parentOf = new HashMap<>();
    private final Map<String, Family> families = new HashMap<>();
    private final EventSink sink;

    /** Where roll-up events go (delivered in place, on the event thread). */
    interface EventSink {
        void deliver(JobEvent event);
    }

    private static final class Family {
        final String name;
        final List<String> children;
        final Map<String, Double> fractions = new HashMap<>();

        Family(String name, List<String> children) {
            this.name = name;
            this.children = children;
        }
    }

    ProgressRollUp(Database db, EventSink sink) {
        this.db = db;
        this.sink = sink;
    }

    /**
     * Records that {@code child} belongs to {@code parent}. Called on the event thread (through
     * {@code EventBus.execute}) when children are stored or a child is claimed after a restart, so it is
     * known before any event of the child's run; jobs never named here have no parent and cost no lookup.
     */
    void childOf(String child, String parent) {
        parentOf.put(child, parent);
    }

    @Override
    public void onEvent(JobEvent event) {
        double fraction;
        if (event instanceof JobEvent.ProgressUpdated p && p.progress().fraction().isPresent()) {
            fraction = p.progress().fraction().getAsDouble();
        } else if (event instanceof JobEvent.StatusChanged sc && sc.to() != null && sc.to().isTerminal()) {
            fraction = 1.0;
        } else {
            return;
        }
        String parent = event instanceof JobEvent.StatusChanged
                ? parentOf.remove(event.jobId()) // finished: forgotten
                : parentOf.get(event.jobId());
        if (parent == null) {
            return;
        }
        Family family = families.computeIfAbsent(parent, id -> {
            Optional<JobRow> row = db.read(c -> JobReads.find(c, id));
            return new Family(row.map(JobRow::name).orElse(""), db.read(c -> JobReads.children(c, id)));
        });
        if (!family.children.contains(event.jobId())) {
            family.children.add(event.jobId());
        }
        family.fractions.put(event.jobId(), fraction);
        double sum = 0;
        for (String child : family.children) {
            sum += family.fractions.getOrDefault(child, 0.0);
        }
        sink.deliver(new JobEvent.ProgressUpdated(parent, family.name, new Progress.Percent(sum / family.children.size())));
        if (event instanceof JobEvent.StatusChanged sc && sc.to() == JobStatus.COMPLETED && sum >= family.children.size()) {
            families.remove(parent);
        }
    }
}
