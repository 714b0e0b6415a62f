package dev.stint;

import java.util.function.Consumer;

/**
 * A live view of the progress of a group of jobs: the jobs a {@link JobQuery} matches by tags, name, queue,
 * parent and creation time, now and dispatched later while the group is open (the query's statuses and paging
 * do not matter: a job stays in the group when it finishes). From {@link Library#progress(JobQuery)}.
 *
 * <pre>{@code
 * try (ProgressGroup album = library.progress(JobQuery.tagged("album:42"))) {
 *     album.subscribe(p -> bar.setProgress(p.fraction()));
 *     ...
 * }
 * }</pre>
 */
public interface ProgressGroup extends AutoCloseable {

    /** The group's progress now. */
    GroupProgress current();

    /**
     * Calls {@code listener} with the group's progress when it changes: at most once per progress interval
     * ({@link Library.Builder#progressInterval}), and always with the final value when the last job
     * finishes. Called on the library's event or timer thread, never on a worker; keep it short.
     */
    Subscription subscribe(Consumer<GroupProgress> listener);

    /** Stops following the group (its subscriptions end). */
    @Override
    void close();
}
