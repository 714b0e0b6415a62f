package dev.stint.internal.exec;

import dev.stint.DispatchOptions;
import dev.stint.Job;
import dev.stint.JobDataTooLargeException;
import dev.stint.JobType;
import dev.stint.StorageException;
import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.store.OutboxTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Writes a job into an application's outbox table ({@link dev.stint.Outbox#dispatch}): its type from
 * {@link JobType}, its state encoded within the default state limit, a time-ordered id, the dispatch
 * options as columns. {@link OutboxDrainer} moves the rows into {@code jobs.db}.
 */
final class OutboxWriter {
    private static final StateCodec CODEC = new StateCodec();

    private OutboxWriter() {
    }

    static String dispatch(Connection appConnection, Job<?> job, DispatchOptions options,
            InstantSource clock) {
        Objects.requireNonNull(appConnection, "appConnection");
        JobType type = job.getClass().getAnnotation(JobType.class);
        if (type == null) {
            throw UnregisteredJobClass.error(job.getClass(), null);
        }
        if (options.uniqueKey() != null) {
            throw new IllegalArgumentException("the outbox does not take unique keys");
        }
        byte[] state = CODEC.encodeChecked(job, job.getClass(), JobDataTooLargeException.Kind.STATE, null, type.name(), null);
        long now = clock.millis();
        String id = JobIds.next(now);
        try {
            OutboxTable.create(appConnection);
            OutboxTable.insert(appConnection, new OutboxTable.Entry(id, type.name(), type.version(), state,
                    options.queue(), options.priority(),
                    options.runAt() != null ? Long.valueOf(options.runAt().toEpochMilli())
                            : options.delay() != null ? Long.valueOf(now + options.delay().toMillis()) : null,
                    options.maxAttempts(), options.backoff() == null ? null : options.backoff().toMillis(),
                    options.timeout() == null ? null : options.timeout().toMillis(), options.initiator(), now));
        } catch (SQLException e) {
            throw new StorageException("cannot write the job to the application's outbox: " + e.getMessage(), e);
        }
        return id;
    }
}
