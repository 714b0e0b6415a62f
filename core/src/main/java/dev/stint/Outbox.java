package dev.stint;

import dev.stint.spi.EngineProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;

/**
 * Dispatches a job inside the application's own database transaction, so that the job exists if and only
 * if that transaction commits (the transactional outbox pattern).
 *
 * <pre>{@code
 * appConnection.setAutoCommit(false);
 * insertPhotoRows(appConnection);                                  // the app's own data
 * Outbox.dispatch(appConnection, new ThumbnailJob(photoIds));     // the job, same transaction
 * appConnection.commit();                                          // both, or neither
 * library.drainOutbox(appConnection);                              // moves it into jobs.db and runs it
 * }</pre>
 *
 * <p>{@code dispatch} writes a row into a {@code stint_outbox} table of the application's database
 * (created if missing; SQLite or any JDBC database with standard SQL types). {@link Library#drainOutbox}
 * copies the rows into {@code jobs.db} and then deletes them from the outbox; the copy is idempotent (by
 * job id), so a crash between the two commits never stores a job twice. Libraries built with
 * {@link Library.Builder#outbox} also drain when they open.
 */
public final class Outbox {
    /** The table the outbox rows live in. */
    public static final String TABLE = "stint_outbox";

    private Outbox() {
    }

    /** A source of connections to the application's database, for {@link Library.Builder#outbox}. */
    @FunctionalInterface
    public interface ConnectionSource {
        /** Opens a connection (the library closes it). */
        Connection open() throws SQLException;
    }

    /** {@link #dispatch(Connection, Job, DispatchOptions)} with default options. */
    public static String dispatch(Connection appConnection, Job<?> job) {
        return dispatch(appConnection, job, DispatchOptions.defaults());
    }

    /**
     * {@link #dispatch(Connection, Job, DispatchOptions, InstantSource)} with the system clock, the clock a
     * library uses unless its builder was given another.
     */
    public static String dispatch(Connection appConnection, Job<?> job, DispatchOptions options) {
        return dispatch(appConnection, job, options, InstantSource.system());
    }

    /**
     * Writes the job into the outbox through the application's connection, inside its current transaction.
     * The job's class must carry {@link JobType}; queue names are checked when the outbox is drained (an
     * unknown queue then runs one job at a time). Unique keys are not supported here. As with
     * {@link Library#dispatch}, the job gets a time-ordered id and its state must fit the default state
     * limit ({@link Library.Builder#maxStateBytes}).
     *
     * @param clock the clock of the library that will run the job (its creation time and a delay count
     *     from it)
     * @return the id the job will have in the library
     * @throws JobDataTooLargeException if the job's state is over the default state limit (nothing written)
     * @throws StorageException if the outbox row cannot be written (the app's transaction decides the rest)
     */
    public static String dispatch(Connection appConnection, Job<?> job, DispatchOptions options,
            InstantSource clock) {
        return EngineProvider.get().dispatchToOutbox(appConnection, job, options, clock);
    }

}
