package dev.stint.internal.exec;

import dev.stint.JobHandle;
import dev.stint.internal.progress.EventBus;

/**
 * Makes {@link JobHandle}s: what a handle reads goes to {@link JobLookup}, what it asks goes to
 * {@link JobControl}, and its listeners to the {@link EventBus}.
 */
record Handles(JobLookup lookup, JobControl control, EventBus events) {
    <O> JobHandle<O> of(String id, String name) {
        return new Handle<>(this, id, name);
    }
}
