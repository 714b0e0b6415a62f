package dev.stint.internal.exec;

import dev.stint.DispatchOptions;
import dev.stint.InvalidJobArgumentsException;
import dev.stint.Job;
import dev.stint.JobDataTooLargeException;
import dev.stint.JobNotRetryableException;
import dev.stint.JobPolicy;
import dev.stint.JobStatus;
import dev.stint.UnknownJobTypeException;
import dev.stint.UnknownQueueException;
import dev.stint.internal.codec.CodecException;
import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.rules.RunRules;
import dev.stint.internal.store.History;
import dev.stint.internal.store.NewJob;
import dev.stint.internal.store.OutboxTable;
import dev.stint.internal.store.ScheduleStore;
import dev.stint.spi.JobDescriptor;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place a new job row is built: its registered type, its encoded state, and its scheduling
 * settings resolved (dispatch options over the type's {@link JobPolicy} over the library's defaults). Used
 * by dispatch, child jobs, recurring schedules and schedules' templates.
 */
final class NewJobs {
    private final JobRegistry registry;
    private final StateCodec codec;
    private final InstantSource clock;
    private final Queues queues;

    private final Map<String, RunRules.Rate> queueRates;

    NewJobs(JobRegistry registry, StateCodec codec, InstantSource clock, Queues queues,
            Map<String, RunRules.Rate> queueRates) {
        this.queueRates = queueRates;
        this.registry = registry;
        this.codec = codec;
        this.clock = clock;
        this.queues = queues;
    }

    /** The registered descriptor of a job object's class. */
    JobDescriptor describe(Job<?> job) {
        return registry.byClass(job.getClass())
                .orElseThrow(() -> UnregisteredJobClass.error(job.getClass(), registry.knownNames()));
    }

    /** A new job row for {@code job} with its scheduling settings resolved. */
    NewJob of(JobDescriptor d, Job<?> job, DispatchOptions options) {
        byte[] state;
        try {
            // checked: a state that would not come back as it is fails the dispatch, not the job's resume
            state = codec.encodeChecked(job, job.getClass(), JobDataTooLargeException.Kind.STATE, null, d.name(), null);
        } catch (CodecException e) {
            throw new InvalidJobArgumentsException(d.name(), e.getMessage(), e);
        }
        long now = clock.millis();
        JobPolicy policy = d.jobClass().getAnnotation(JobPolicy.class);
        String queue = options.queue() != null ? options.queue()
                : policy != null && !policy.queue().isBlank() ? policy.queue() : EngineConfig.DEFAULT_QUEUE;
        if (!queues.isConfigured(queue)) {
            throw new UnknownQueueException(queue, queues.configuredNames());
        }
        int priority = options.priority() != null ? options.priority() : policy != null ? policy.priority() : 0;
        Long runAt = options.runAt() != null ? Long.valueOf(options.runAt().toEpochMilli())
                : options.delay() != null ? Long.valueOf(TimeMath.plus(now, options.delay().toMillis())) : null;
        int maxAttempts = options.maxAttempts() != null ? options.maxAttempts()
                : policy != null ? Math.max(1, policy.maxAttempts()) : 1;
        long backoffMs = options.backoff() != null ? options.backoff().toMillis()
                : policy != null ? Math.max(0, policy.backoffMillis()) : RetryPolicy.DEFAULT_FIRST_DELAY_MILLIS;
        Long timeoutMs = options.timeout() != null ? Long.valueOf(TimeMath.ceilMillis(options.timeout()))
                : policy != null && policy.timeoutMillis() > 0 ? Long.valueOf(policy.timeoutMillis()) : null;
        return new NewJob(JobIds.next(now), d.name(), d.version(), state, now, queue, priority, runAt,
                maxAttempts, backoffMs, timeoutMs, options.uniqueKey(), null, null, options.initiator(), null,
                RunRules.of(options, queueRates.get(queue)), options.tags(), options.weight());
    }

    /** A new job row for {@code job} (its class must be registered). */
    NewJob of(Job<?> job, DispatchOptions options) {
        return of(describe(job), job, options);
    }

    /** Rows for a parent's children (default options; the children's classes must be registered). */
    List<NewJob> children(String parentId, List<? extends Job<?>> children) {
        List<NewJob> rows = new ArrayList<>(children.size());
        for (Job<?> child : children) {
            NewJob row = of(child, DispatchOptions.defaults());
            rows.add(new NewJob(row.id(), row.name(), row.version(), row.state(), row.createdAt(), row.queue(),
                    row.priority(), row.runAt(), row.maxAttempts(), row.backoffMs(), row.timeoutMs(), null, null,
                    parentId, "parent:" + parentId));
        }
        return rows;
    }

    /** A job an application put in its outbox: what the row leaves out takes the defaults of a dispatch. */
    static NewJob ofOutbox(OutboxTable.Entry e) {
        return new NewJob(e.id(), e.name(), e.version(), e.state(), e.createdAt(),
                e.queue() == null ? EngineConfig.DEFAULT_QUEUE : e.queue(), e.priority() == null ? 0 : e.priority(),
                e.runAt(), e.maxAttempts() == null ? 1 : e.maxAttempts(),
                e.backoffMs() == null ? RetryPolicy.DEFAULT_FIRST_DELAY_MILLIS : e.backoffMs(), e.timeoutMs(), null, null,
                null, e.initiator());
    }

    /**
     * The job that retries the finished job {@code id} ({@link History.RetrySource}): its type, stored version and
     * dispatched state, its scheduling settings; due now, alone (no chain, parent or unique key).
     *
     * @throws JobNotRetryableException if the job is damaged, active or completed, or its state is not stored
     * @throws UnknownJobTypeException if its type is not registered here
     * @throws UnknownQueueException if its queue is not configured any more
     */
    NewJob retry(String id, History.RetrySource source) {
        if (!source.finished() || source.status() == JobStatus.COMPLETED) {
            throw new JobNotRetryableException(id, "it is " + source.status().wireName()
                    + "; only failed and cancelled jobs are retried");
        }
        if (source.damage() != null) {
            throw new JobNotRetryableException(id, "its stored row is damaged (" + source.damage().strip() + ")");
        }
        if (source.state() == null || source.state().length == 0) {
            throw new JobNotRetryableException(id, "its arguments are not stored (it finished before schema version 8,"
                    + " which did not keep them in history); dispatch it again with its arguments instead");
        }
        if (registry.byName(source.name()).isEmpty()) {
            throw new UnknownJobTypeException(id, source.name(), registry.knownNames());
        }
        if (!queues.isConfigured(source.queue())) {
            throw new UnknownQueueException(source.queue(), queues.configuredNames());
        }
        long now = clock.millis();
        RunRules rules;
        try {
            rules = source.rules() == null ? null : RunRules.fromJson(source.rules());
        } catch (IllegalArgumentException e) {
            throw new JobNotRetryableException(id, "its run rules cannot be read (" + e.getMessage() + ")");
        }
        return new NewJob(JobIds.next(now), source.name(), source.version(), source.state(), now,
                source.queue(), source.priority(), null, source.maxAttempts(), source.backoffMs(), source.timeoutMs(),
                null, null, null, source.initiator(), id, rules, JobInfos.tags(source.tags()), source.weight());
    }

    /** The job of one run of a recurring schedule, due now. */
    static NewJob ofSchedule(ScheduleStore.ScheduleRow r, long now) {
        return new NewJob(JobIds.next(now), r.jobName(), r.version(), r.state(), now, r.queue(), r.priority(),
                null, r.maxAttempts(), r.backoffMs(), r.timeoutMs(), null, null, null,
                r.initiator() != null ? r.initiator() : "schedule:" + r.name());
    }
}
