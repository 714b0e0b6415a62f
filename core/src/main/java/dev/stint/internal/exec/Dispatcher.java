package dev.stint.internal.exec;

import dev.stint.DispatchOptions;
import dev.stint.ErrorRecord;
import dev.stint.InterruptReason;
import dev.stint.InvalidJobArgumentsException;
import dev.stint.Job;
import dev.stint.JobDataTooLargeException;
import dev.stint.JobEvent;
import dev.stint.JobHandle;
import dev.stint.JobPolicy;
import dev.stint.JobStatus;
import dev.stint.UnknownJobTypeException;
import dev.stint.UnknownQueueException;
import dev.stint.internal.codec.CodecException;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.internal.store.History;
import dev.stint.internal.store.JobRow;
import dev.stint.spi.JobDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores new jobs: resolves their type and scheduling settings (dispatch options over the type's
 * {@link JobPolicy} over the library's defaults), applies unique-key policies in the same transaction,
 * then announces them and wakes the scheduler. A job is durable before any dispatch method returns.
 */
final class Dispatcher {
    private static final List<String> WAITING = List.of("queued", "paused");

    private final Engine engine;

    Dispatcher(Engine engine) {
        this.engine = engine;
    }

    <O> JobHandle<O> dispatch(Job<O> job, DispatchOptions options) {
        JobDescriptor d = describe(job);
        String id = store(newJob(d, job, options), options);
        return new Handle<>(engine, id, d.name());
    }

    JobHandle<Object> dispatch(String name, String jsonArguments, DispatchOptions options) {
        JobDescriptor d = engine.registry().byName(name)
                .orElseThrow(() -> new UnknownJobTypeException(null, name, engine.registry().knownNames()));
        Job<?> job;
        try {
            job = d.argumentsFactory() != null
                    ? d.argumentsFactory().fromArguments(jsonArguments == null || jsonArguments.isBlank() ? "{}" : jsonArguments)
                    : engine.codec().fromArgumentsJson(jsonArguments, d.jobClass());
        } catch (CodecException | IllegalArgumentException e) {
            throw new InvalidJobArgumentsException(name, e.getMessage(), e);
        }
        String id = store(newJob(d, job, options), options);
        return new Handle<>(engine, id, d.name());
    }

    List<JobHandle<Object>> dispatchAll(List<? extends Job<?>> jobs, DispatchOptions options) {
        if (options.uniqueKey() != null) {
            throw new IllegalArgumentException("dispatchAll cannot give one unique key to several jobs");
        }
        List<ActiveJobs.NewJob> rows = new ArrayList<>(jobs.size());
        for (Job<?> job : jobs) {
            rows.add(newJob(describe(job), job, options));
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        store(rows);
        List<JobHandle<Object>> handles = new ArrayList<>(rows.size());
        for (ActiveJobs.NewJob row : rows) {
            handles.add(new Handle<>(engine, row.id(), row.name()));
        }
        return handles;
    }

    /** Commits new jobs, then tells listeners ({@code from} is null for a new job) and wakes the scheduler. */
    private void store(List<ActiveJobs.NewJob> rows) {
        engine.await(engine.writer().submitOrRun(s -> {
            ActiveJobs.insert(s, rows);
            // on the writer thread before any later claim commits: "queued" always reaches listeners before "running"
            s.afterCommit(() -> engine.announceQueued(rows));
            if (rows.stream().anyMatch(r -> r.runAt() == null)) {
                engine.claimAfterDispatch(s);
            }
            return null;
        }));
        // after the commit: a pass that clears the flag must be able to see the new rows
        if (rows.stream().anyMatch(r -> r.runAt() != null)) {
            engine.dueChanged();
        }
        engine.scheduler().wake();
    }

    /**
     * Commits one new job, applying its unique-key policy in the same transaction; returns the id of the
     * job that holds the key afterwards (the existing one for {@link UniquePolicy#KEEP_EXISTING}).
     */
    private String store(ActiveJobs.NewJob row, DispatchOptions options) {
        if (row.uniqueKey() == null) {
            store(List.of(row));
            return row.id();
        }
        long now = engine.now();
        String id = engine.await(engine.writer().submitOrRun(s -> {
            List<JobRow> holders = ActiveJobs.activeWithUniqueKey(s, row.uniqueKey());
            ActiveJobs.NewJob toInsert = row;
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
            ActiveJobs.NewJob inserted = toInsert;
            s.afterCommit(() -> engine.announceQueued(List.of(inserted)));
            if (inserted.runAt() == null) {
                engine.claimAfterDispatch(s);
            }
            return row.id();
        }));
        if (row.runAt() != null) {
            engine.dueChanged();
        }
        engine.scheduler().wake();
        return id;
    }

    private void replace(dev.stint.internal.store.WriteSession s, List<JobRow> holders, String newId, long now)
            throws java.sql.SQLException {
        for (JobRow old : holders) {
            RunningJob rj = engine.runningJobs().get(old.id());
            if (rj != null) {
                ActiveJobs.dropUniqueKey(s, old.id());
                rj.requestInterrupt(InterruptReason.CANCEL);
                continue;
            }
            ErrorRecord error = ErrorRecord.of("cancelled", "replaced by job " + newId, now);
            byte[] blob = engine.codec().encode(dev.stint.internal.codec.StoredError.of(error));
            JobStatus before = JobStatus.fromWireName(old.status());
            if (History.finish(s, old.id(), WAITING, "cancelled", null, blob, null, null, now)) {
                s.afterCommit(() -> {
                    engine.events().publish(new JobEvent.StatusChanged(old.id(), old.name(), before, JobStatus.CANCELLED, error));
                    engine.completeResult(old.id(), null, new dev.stint.JobCancelledException(old.id()));
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

    JobDescriptor describe(Job<?> job) {
        return engine.registry().byClass(job.getClass()).orElseThrow(() -> new UnknownJobTypeException(null,
                job.getClass().getName() + " (class not in any registered catalog: annotate it with @JobType"
                        + " and compile it with the registry processor, or pass its catalog to the builder)",
                engine.registry().knownNames()));
    }

    ActiveJobs.NewJob newJob(JobDescriptor d, Job<?> job, DispatchOptions options) {
        byte[] state;
        try {
            state = engine.codec().encode(job, JobDataTooLargeException.Kind.STATE, null, d.name());
        } catch (CodecException e) {
            throw new InvalidJobArgumentsException(d.name(), e.getMessage(), e);
        }
        long now = engine.now();
        JobPolicy policy = d.jobClass().getAnnotation(JobPolicy.class);
        String queue = options.queue() != null ? options.queue()
                : policy != null && !policy.queue().isBlank() ? policy.queue() : EngineConfig.DEFAULT_QUEUE;
        if (!engine.configuredQueues().containsKey(queue)) {
            throw new UnknownQueueException(queue, String.join(", ", engine.configuredQueues().keySet()));
        }
        int priority = options.priority() != null ? options.priority() : policy != null ? policy.priority() : 0;
        Long runAt = options.runAt() != null ? Long.valueOf(options.runAt().toEpochMilli())
                : options.delay() != null ? Long.valueOf(now + options.delay().toMillis()) : null;
        int maxAttempts = options.maxAttempts() != null ? options.maxAttempts() : policy != null ? Math.max(1, policy.maxAttempts()) : 1;
        long backoffMs = options.backoff() != null ? options.backoff().toMillis() : policy != null ? Math.max(0, policy.backoffMillis()) : 1000;
        Long timeoutMs = options.timeout() != null ? Long.valueOf(options.timeout().toMillis())
                : policy != null && policy.timeoutMillis() > 0 ? Long.valueOf(policy.timeoutMillis()) : null;
        return new ActiveJobs.NewJob(JobIds.next(now), d.name(), d.version(), state, now, queue, priority, runAt,
                maxAttempts, backoffMs, timeoutMs, options.uniqueKey(), null, null, options.initiator());
    }
}
