package dev.stint.sample.cli;

import dev.stint.DispatchOptions;
import dev.stint.JobInfo;
import java.util.Optional;

/**
 * What the store-and-query commands ({@code dispatch}, {@code list}, {@code pause}, {@code resume},
 * {@code cancel}, {@code retry}) do to a library: either the library opened in this process ({@link LocalAccess}),
 * or, when another process holds it, that process through its control endpoint ({@link EndpointAccess}). Both
 * return the same {@code dev.stint} types and throw the same typed exceptions, so a command prints the same
 * text and exits with the same code either way. Obtained from {@link Libraries#access}.
 */
interface LibraryAccess extends AutoCloseable {

    /** Stores a job; returns its id (with a unique key kept, the id of the job that holds the key). */
    String dispatch(String name, String jsonArguments, DispatchOptions options);

    /** Every job, active and finished, in dispatch order, read a page at a time. */
    Iterable<JobInfo> allJobs();

    /** Pauses a job ({@link dev.stint.Library#pause}); returns it after the change, if it can be read. */
    Optional<JobInfo> pause(String id);

    /** Resumes a paused job ({@link dev.stint.Library#resume}); returns it after the change, if it can be read. */
    Optional<JobInfo> resume(String id);

    /** Cancels a job ({@link dev.stint.Library#cancel}); returns it after the change, if it can be read. */
    Optional<JobInfo> cancel(String id);

    /** Dispatches a failed or cancelled job again; returns the new job's id. */
    String retry(String id);

    /** Closes the library, or the connection to its holder. */
    @Override
    void close();
}
