package dev.stint.internal.exec;

import dev.stint.IllegalJobTransitionException;
import dev.stint.JobInfo;
import dev.stint.JobNotFoundException;
import dev.stint.JobNotResumableException;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.internal.log.LogText;
import dev.stint.internal.store.RuledJobs;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pause, resume and cancel of every job a query matches ({@code Library.pause(JobQuery)} and friends). A
 * query of tags alone also pauses the tags themselves: jobs dispatched later with one of them are stored
 * paused, across restarts, until the tags are resumed (as a paused queue holds its jobs). Each job goes
 * through {@link JobControl}, as if paused, resumed or cancelled alone (children included); a job that
 * finished or cannot pause meanwhile is skipped.
 */
final class BulkControl {
    private static final Logger LOG = LoggerFactory.getLogger(BulkControl.class);
    private static final int PAGE = 1_000;

    private final JobLookup lookup;
    private final JobControl control;
    private final TagPauses tags;
    private final JobsDb db;
    private final InstantSource clock;
    private final Claims claims;

    BulkControl(JobLookup lookup, JobControl control, TagPauses tags, JobsDb db, InstantSource clock, Claims claims) {
        this.lookup = lookup;
        this.control = control;
        this.tags = tags;
        this.db = db;
        this.clock = clock;
        this.claims = claims;
    }

    int pause(JobQuery query) {
        if (query.isTagsOnly()) {
            long now = clock.millis();
            db.write(s -> {
                tags.pause(s, query.tags(), now);
                return null;
            });
        }
        return each(restrict(query, JobStatus.QUEUED, JobStatus.RUNNING), control::pause);
    }

    int resume(JobQuery query) {
        List<String> lifting = query.isTagsOnly() ? query.tags() : List.of();
        if (!lifting.isEmpty()) {
            db.write(s -> {
                tags.resume(s, lifting);
                return null;
            });
        }
        int n = each(restrict(query, JobStatus.PAUSED), id -> {
            // a job that also carries another paused tag stays paused
            if (Boolean.TRUE.equals(db.write(s -> RuledJobs.heldByOtherTag(s, id, lifting)))) {
                throw new SkipJob();
            }
            control.resume(id);
        });
        claims.rulesChanged();
        return n;
    }

    int cancel(JobQuery query) {
        return each(restrict(query, JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.PAUSED), control::cancel);
    }

    /** The query limited to the statuses it matches among {@code allowed}; null if none. */
    private static JobQuery restrict(JobQuery query, JobStatus... allowed) {
        java.util.EnumSet<JobStatus> keep = java.util.EnumSet.noneOf(JobStatus.class);
        for (JobStatus st : allowed) {
            if (query.statuses().contains(st)) {
                keep.add(st);
            }
        }
        if (keep.isEmpty()) {
            return null;
        }
        JobStatus first = keep.iterator().next();
        keep.remove(first);
        return query.withStatus(first, keep.toArray(JobStatus[]::new));
    }

    /** A job the control leaves alone. */
    private static final class SkipJob extends RuntimeException {
        SkipJob() {
            super(null, null, false, false);
        }
    }

    /** Applies {@code action} to every matching job, a page at a time; returns how many it applied to. */
    private int each(JobQuery query, Consumer<String> action) {
        if (query == null) {
            return 0;
        }
        // the ids first: an action changes statuses, which would move jobs between pages of a live query
        List<String> ids = new ArrayList<>();
        JobQuery page = query.page(0, PAGE);
        for (List<JobInfo> jobs = lookup.query(page); !jobs.isEmpty();
                jobs = lookup.query(page.after(jobs.get(jobs.size() - 1)))) {
            jobs.forEach(j -> ids.add(j.id()));
            if (jobs.size() < PAGE) {
                break;
            }
        }
        int applied = 0;
        for (String id : ids) {
            try {
                action.accept(id);
                applied++;
            } catch (SkipJob e) {
                // left alone on purpose
            } catch (IllegalJobTransitionException | JobNotFoundException | JobNotResumableException e) {
                LOG.debug("bulk control skipped job {}: {}", LogText.escape(id), LogText.escape(e.getMessage()));
            }
        }
        return applied;
    }
}
