package dev.stint.internal.exec;

import dev.stint.internal.codec.ProgressRecord;
import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.progress.EventBus;
import dev.stint.internal.progress.ProgressCoalescer;
import dev.stint.internal.store.JobRow;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.spi.JobDescriptor;
import java.time.Duration;

/**
 * Builds the in-memory run of a claimed row: its registered type (null for an unknown name, which then
 * fails on its worker) and its progress coalescer, whose snapshots go to {@code jobs.db} through the writer.
 */
final class RunFactory {
    private final JobRegistry registry;
    private final StateCodec codec;
    private final JobsDb db;
    private final EventBus events;
    private final StatusAnnouncer announcer;
    private final long progressIntervalNanos;
    private final long progressPersistNanos;

    RunFactory(JobRegistry registry, StateCodec codec, JobsDb db, EventBus events, StatusAnnouncer announcer,
            Duration progressInterval, Duration progressPersistInterval) {
        this.registry = registry;
        this.codec = codec;
        this.db = db;
        this.events = events;
        this.announcer = announcer;
        this.progressIntervalNanos = progressInterval.toNanos();
        this.progressPersistNanos = progressPersistInterval.toNanos();
    }

    RunningJob create(JobRow row, long now) {
        if (row.parentId() != null) {
            announcer.trackChild(row.id(), row.parentId());
        }
        JobDescriptor d = registry.byName(row.name()).orElse(null);
        String id = row.id();
        ProgressCoalescer coalescer = new ProgressCoalescer(id, row.name(), events, progressIntervalNanos,
                progressPersistNanos, p -> {
                    byte[] blob = ProgressRecord.encode(codec, p);
                    if (blob == null) {
                        return; // not even a bare snapshot fits this library's limits
                    }
                    db.submit(s -> {
                        ActiveJobs.saveProgress(s, id, blob);
                        return null;
                    });
                });
        return new RunningJob(row, d, coalescer, now);
    }
}
