package dev.stint.sample.gui;

import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.Library;

/**
 * Dispatches demo jobs, and retries finished ones through {@link Library#retry}: the library keeps a job's
 * arguments and options in history, so a job dispatched from either window, the console or another process is
 * retried with them, after a restart too. Shared by the JavaFX and the Swing window; loads no UI toolkit.
 */
public final class Dispatches {
    private final Library library;

    /** Dispatches into {@code library}. */
    public Dispatches(Library library) {
        this.library = library;
    }

    /** Dispatches a demo job with these arguments; returns its id. Any thread. */
    public String dispatch(DemoJob demo, String json) {
        JobHandle<Object> handle = library.dispatch(demo.jobName(), json, demo.options());
        return handle.id();
    }

    /** Dispatches a failed or cancelled job again as a new job (see {@link Library#retry}); returns its id. */
    public String retry(JobInfo job) {
        return library.retry(job.id()).id();
    }
}
