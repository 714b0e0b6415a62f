package dev.stint.internal.exec;

import dev.stint.JobStatus;
import dev.stint.internal.store.NewJob;
import dev.stint.internal.store.RuledJobs;
import dev.stint.internal.store.WriteSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The paused tags (kept in {@code paused_tags}, known here in memory) and what they do to new jobs: a job
 * dispatched with a paused tag is stored paused, as if the user had paused it, until the tag is resumed
 * ({@link BulkControl}). Also the one place a child job inherits its parent's tags.
 */
final class TagPauses {
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final StatusAnnouncer announcer;

    TagPauses(Set<String> pausedAtOpen, StatusAnnouncer announcer) {
        this.announcer = announcer;
        paused.addAll(pausedAtOpen);
    }

    /** Whether a tag is paused. */
    boolean isPaused(String tag) {
        return paused.contains(tag);
    }

    /**
     * Inside the write that inserted {@code rows} (after it registered their "queued" announcement): pauses
     * those that carry a paused tag.
     */
    void holdNew(WriteSession s, List<NewJob> rows) throws SQLException {
        if (paused.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (NewJob row : rows) {
            if (row.tags().stream().anyMatch(paused::contains)) {
                ids.add(row.id());
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        List<String> held = RuledJobs.holdPausedTagged(s, ids);
        for (NewJob row : rows) {
            if (held.contains(row.id())) {
                s.afterCommit(() -> announcer.changed(row.id(), row.name(), JobStatus.QUEUED, JobStatus.PAUSED, null));
            }
        }
    }

    /** Inside a write: the children get their parent's tags (and keep their own). */
    List<NewJob> inherit(WriteSession s, String parentId, List<NewJob> children) throws SQLException {
        List<String> parentTags = JobInfos.tags(RuledJobs.tagsOf(s, parentId));
        if (parentTags.isEmpty()) {
            return children;
        }
        List<NewJob> out = new ArrayList<>(children.size());
        for (NewJob child : children) {
            List<String> tags = new ArrayList<>(parentTags);
            child.tags().stream().filter(t -> !tags.contains(t)).forEach(tags::add);
            out.add(child.withTags(tags));
        }
        return out;
    }

    /** Inside a write: marks tags paused (in memory once committed). */
    void pause(WriteSession s, List<String> tags, long now) throws SQLException {
        RuledJobs.pauseTags(s, tags, now);
        s.afterCommit(() -> paused.addAll(tags));
    }

    /** Inside a write: lifts the pause of tags (in memory once committed). */
    void resume(WriteSession s, List<String> tags) throws SQLException {
        RuledJobs.resumeTags(s, tags);
        s.afterCommit(() -> tags.forEach(paused::remove));
    }

    /** The paused tags now. */
    Set<String> paused() {
        return Set.copyOf(paused);
    }
}
