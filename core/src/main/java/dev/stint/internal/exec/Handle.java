package dev.stint.internal.exec;

import dev.stint.JobHandle;
import dev.stint.JobListener;
import dev.stint.JobStatus;
import dev.stint.Subscription;
import java.util.concurrent.CompletableFuture;

/** A {@link JobHandle}: an id plus the engine. */
final class Handle<O> implements JobHandle<O> {
    private final Engine engine;
    private final String id;
    private final String name;

    Handle(Engine engine, String id, String name) {
        this.engine = engine;
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
        return engine.status(id);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<O> result() {
        return (CompletableFuture<O>) engine.result(id);
    }

    @Override
    public void pause() {
        engine.pause(id);
    }

    @Override
    public void resume() {
        engine.resume(id);
    }

    @Override
    public void cancel() {
        engine.cancel(id);
    }

    @Override
    public Subscription subscribe(JobListener listener) {
        return engine.subscribe(id, listener);
    }

    @Override
    public String toString() {
        return "JobHandle[" + name + " " + id + "]";
    }
}
