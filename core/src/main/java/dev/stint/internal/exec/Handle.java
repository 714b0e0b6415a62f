package dev.stint.internal.exec;

import dev.stint.JobHandle;
import dev.stint.JobListener;
import dev.stint.JobStatus;
import dev.stint.Subscription;
import java.util.concurrent.CompletableFuture;

/** A {@link JobHandle}: a job's id and name, and the library's {@link Handles} that act on it. */
final class Handle<O> implements JobHandle<O> {
    private final Handles handles;
    private final String id;
    private final String name;

    Handle(Handles handles, String id, String name) {
        this.handles = handles;
        this.id = id;
        this.name = name;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public JobStatus status() {
        return handles.lookup().status(id);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<O> result() {
        return (CompletableFuture<O>) handles.lookup().result(id);
    }

    @Override
    public void pause() {
        handles.control().pause(id);
    }

    @Override
    public void resume() {
        handles.control().resume(id);
    }

    @Override
    public void cancel() {
        handles.control().cancel(id);
    }

    @Override
    public Subscription subscribe(JobListener listener) {
        return handles.events().subscribe(id, listener);
    }

    @Override
    public String toString() {
        return "JobHandle[" + name + " " + id + "]";
    }
}
