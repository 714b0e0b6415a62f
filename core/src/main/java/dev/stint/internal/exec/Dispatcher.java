package dev.stint.internal.exec;

import dev.stint.DispatchOptions;
import dev.stint.ErrorRecord;
import dev.stint.InterruptReason;
import dev.stint.InvalidJobArgumentsException;
import dev.stint.Job;
import dev.stint.JobCancelledException;
import dev.stint.JobHandle;
import dev.stint.JobNotFoundException;
import dev.stint.JobPolicy;
import dev.stint.JobStatus;
import dev.stint.UnknownJobTypeException;
import dev.stint.internal.codec.CodecException;
import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.codec.StoredError;
import dev.stint.internal.store.JobRow;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.internal.store.History;
import dev.stint.internal.store.NewJob;
import dev.stint.internal.store.WriteSession;
import dev.stint.spi.JobDescriptor;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores new jobs: resolves their type and scheduling settings (dispatch options over the type's
 * {@link JobPolicy} over the library's defaults), applies unique-key policies in the same transaction,
 * then announces them and wakes the scheduler. A job is durable before any dispatch method returns.
 */
final class Dispatcher {
    private final JobRegistry registry;
    private final StateCodec codec;
    private final NewJobs newJobs;
    private final JobsDb db;
    private final StatusAnnouncer announcer;
    private final Claims claims;
    private final DueTimer due;
    private final Scheduler scheduler;
    private final RunTable runs;
    private final Handles handles;
    private final InstantSource clock;
    private final TagPauses tags;

    Dispatcher(JobRegistry registry, StateCodec codec, NewJobs newJobs, JobsDb db, StatusAnnouncer announcer,
            Claims claims, DueTimer due, Scheduler scheduler, RunTable runs, Handles handles, InstantSource clock,
            TagPauses tags) {
        this.tags = tags;
        this.registry = registry;
        this.codec = codec;
        this.newJobs = newJobs;
        this.db = db;
        this.announcer = announcer;
        this.claims = claims;
        this.due = due;
        this.scheduler = scheduler;
        this.runs = runs;
        this.handles = handles;
        this.clock = clock;
    }

    <O> JobHandle<O> dispatch(Job<O> job, DispatchOptions options) {
        JobDescriptor d = newJobs.describe(job);
        String id = store(newJobs.of(d, job, options), options);
        return handles.of(id, d.name());
    }

    JobHandle<Object> dispatch(String name, String jsonArguments, DispatchOptions options) {
        JobDescriptor d = registry.byName(name)
                .orElseThrow(() -> new UnknownJobTypeException(null, name, registry.knownNames()));
        Job<?> job;
        try {
            job = d.argumentsFactory() != null
                    ? d.argumentsFactory().fromArguments(jsonArguments == null || jsonArguments.isBlank() ? "{}" : jsonArguments)
                    : codec.fromArgumentsJson(jsonArguments, d.jobClass());
        } catch (CodecException | IllegalArgumentException e) {
            throw new InvalidJobArgumentsException(name, e.getMessage(), e);
        }
        String id = store(newJobs.of(d, job, options), options);
        return handles.of(id, d.name());
    }

    /** Dispatches a failed or cancelled job again as a new job (see {@link dev.stint.Library#retry}). */
    JobHandle<Object> retry(String id) {
        NewJob row = db.write(s -> {
            NewJob job = newJobs.retry(id,
                    History.retrySource(s, id).orElseThrow(() -> new JobNotFoundException(id)));
            ActiveJobs.insert(s, List.of(job));
            s.afterCommit(() -> announcer.queued(List.of(job)));
            stored(s, List.of(job));
            claims.claimAfterDispatch(s);
            return job;
        });
        scheduler.wake();
        return handles.of(row.id(), row.name());
    }

    List<JobHandle<Object>> dispatchAll(List<? extends Job<?>> jobs, DispatchOptions options) {
        if (options.uniqueKey() != null) {
            throw new IllegalArgumentException("dispatchAll cannot give one unique key to several jobs");
        }
        List<NewJob> rows = new ArrayList<>(jobs.size());
        for (Job<?> job : jobs) {
            rows.add(newJobs.of(job, options));
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        store(rows);
        List<JobHandle<Object>> handles = new ArrayList<>(rows.size());
        for (NewJob row : rows) {
            handles.add(this.handles.of(row.id(), row.name()));
        }
        return handles;
    }

    /** Commits new jobs, then tells listeners ({@code from} is null for a new job) and wakes the scheduler. */
    private void store(List<NewJob> rows) {
        db.write(s -> {
            ActiveJobs.insert(s, rows);
            // on the writer thread before any later claim commits: "queued" always reaches listeners before "running"
            s.afterCommit(() -> announcer.queued(rows));
            stored(s, rows);
            if (rows.stream().anyMatch(r -> r.runAt() == null)) {
                claims.claimAfterDispatch(s);
            }
            return null;
        });
        // after the commit: a pass that clears the flag must be able to see the new rows
        if (rows.stream().anyMatch(r -> r.runAt() != null)) {
            due.changed();
        }
        scheduler.wake();
    }

    /**
     * Commits one new job, applying its unique-key policy in the same transaction; returns the id of the
     * job that holds the key afterwards (the existing one for {@link UniquePolicy#KEEP_EXISTING}).
     */
    private String store(NewJob row, DispatchOptions options) {
        if (row.uniqueKey() == null) {
            store(List.of(row));
            return row.id();
        }
        long now = clock.millis();
        String id = db.write(s -> {
            List<JobRow> holders = ActiveJobs.activeWithUniqueKey(s, row.uniqueKey());
            NewJob toInsert = row;
            if (!holders.isEmpty()) {
                switch (options.uniquePolicy()) {
                    case KEEP_EXISTING -> {
                        return holders.get(0).id();
                    }
                    case REPLACE -> replace(s, holders, row.id(), now);
                    case APPEND -> toInsert = row.after(chainTail(holders).id());
                }
            }
            ActiveJobs.insert(s, List.of(toInsert));
            NewJob inserted = toInsert;
            s.afterCommit(() -> announcer.queued(List.of(inserted)));
            stored(s, List.of(inserted));
            if (inserted.runAt() == null) {
                claims.claimAfterDispatch(s);
            }
            return row.id();
        });
        if (row.runAt() != null) {
            due.changed();
        }
        scheduler.wake();
        return id;
    }

    /** Inside the write that inserted {@code rows}: paused tags hold them, run rules line them up. */
    private void stored(WriteSession s, List<NewJob> rows) throws SQLException {
        tags.holdNew(s, rows);
        claims.rulesQueued(rows);
    }

    private void replace(WriteSession s, List<JobRow> holders, String newId, long now) throws SQLException {
        for (JobRow old : holders) {
            RunningJob rj = runs.get(old.id());
            if (rj != null) {
                ActiveJobs.dropUniqueKey(s, old.id());
                rj.requestInterrupt(InterruptReason.CANCEL);
                continue;
            }
            ErrorRecord error = ErrorRecord.of("cancelled", "replaced by job " + newId, now);
            byte[] blob = codec.encode(StoredError.of(error));
            JobStatus before = old.status();
            if (History.finish(s, old.id(), StatusRules.WAITING,
                    StatusRules.change(old.id(), before, JobStatus.CANCELLED), null, blob, null, null, now)) {
                s.afterCommit(() -> {
                    announcer.changed(old.id(), old.name(), before, JobStatus.CANCELLED, error);
                    runs.settleResult(old.id(), null, new JobCancelledException(old.id()));
                });
            }
        }
    }

    /** The last job of a unique key's chain: the one no other holder is waiting for. */
    private static JobRow chainTail(List<JobRow> holders) {
        java.util.Set<String> waitedFor = new java.util.HashSet<>();
        for (JobRow h : holders) {
            if (h.afterId() != null) {
                waitedFor.add(h.afterId());
            }
        }
        JobRow tail = holders.get(holders.size() - 1);
        for (JobRow h : holders) {
            if (!waitedFor.contains(h.id())) {
                tail = h;
            }
        }
        return tail;
    }
}
