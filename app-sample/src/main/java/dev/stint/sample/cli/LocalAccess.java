package dev.stint.sample.cli;

import dev.stint.DispatchOptions;
import dev.stint.JobInfo;
import dev.stint.Library;
import java.util.Optional;

/** A library this process opened (without workers): the console's access when nobody else holds it. */
final class LocalAccess implements LibraryAccess {
    private final Library library;

    LocalAccess(Library library) {
        this.library = library;
    }

    @Override
    public String dispatch(String name, String jsonArguments, DispatchOptions options) {
        return library.dispatch(name, jsonArguments, options).id();
    }

    @Override
    public Iterable<JobInfo> allJobs() {
        return new JobPages(library::query);
    }

    @Override
    public Optional<JobInfo> pause(String id) {
        library.pause(id);
        return library.job(id);
    }

    @Override
    public Optional<JobInfo> resume(String id) {
        library.resume(id);
        return library.job(id);
    }

    @Override
    public Optional<JobInfo> cancel(String id) {
        library.cancel(id);
        return library.job(id);
    }

    @Override
    public String retry(String id) {
        return library.retry(id).id();
    }

    @Override
    public void close() {
        library.close();
    }
}
