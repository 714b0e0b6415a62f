package dev.stint.internal.store;

import dev.stint.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The open {@code jobs.db}: one writer connection owned by the {@link GroupCommitWriter}, and one reader
 * connection for queries (WAL lets it read while the writer commits), whose prepared statements are kept
 * ({@link ReaderStatements}).
 */
public final class Database implements AutoCloseable {
    /** Name of the database file in the library folder. */
    public static final String FILE_NAME = "jobs.db";

    private final Path file;
    private final GroupCommitWriter writer;
    private final ReaderStatements reader;
    private final ReentrantLock readerLock = new ReentrantLock();

    /** A query run on the reader connection. */
    @FunctionalInterface
    public interface Query<T> {
        /** Runs the query. */
        T run(Connection connection) throws SQLException;
    }

    private Database(Path file, GroupCommitWriter writer, Connection reader) {
        this.file = file;
        this.writer = writer;
        this.reader = new ReaderStatements(reader);
    }

    /**
     * Opens (creating if needed) {@code jobs.db} in {@code libraryDir}, migrating its schema.
     *
     * @throws StorageException if the file cannot be opened, is not a Stint library, or is newer than
     *     this code
     */
    public static Database open(Path libraryDir, Durability durability, Duration busyTimeout) {
        return open(libraryDir, durability, busyTimeout, CommitThread.fromSystemProperty());
    }

    /**
     * As {@link #open(Path, Durability, Duration)}, with the batches of waiting callers run as {@code commitThread}
     * says.
     */
    public static Database open(Path libraryDir, Durability durability, Duration busyTimeout,
            CommitThread commitThread) {
        return open(libraryDir, durability, busyTimeout, commitThread, writes -> { });
    }

    /**
     * As {@link #open(Path, Durability, Duration, CommitThread)}; {@code batchCommitted} is told the number of
     * operations of each batch the writer commits (see {@link GroupCommitWriter}).
     */
    public static Database open(Path libraryDir, Durability durability, Duration busyTimeout,
            CommitThread commitThread, java.util.function.IntConsumer batchCommitted) {
        // before the driver loads its native library: reuse the per-user cached copy instead of extracting it
        SqliteNativeLibrary.install();
        Path file = libraryDir.resolve(FILE_NAME);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Connection writerConnection = null;
        Connection readerConnection = null;
        try {
            checkIdentityUnchanged(file, url, busyTimeout);
            SQLiteConfig config = baseConfig(busyTimeout);
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(durability == Durability.FULL
                    ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
            writerConnection = config.createConnection(url);
            // autocommit stays on: the writer opens BEGIN IMMEDIATE ... COMMIT itself, so no lock is held
            // between batches (sqlite-jdbc with autocommit off keeps a transaction open at all times)
            try (var st = writerConnection.createStatement()) {
                // WAL checkpoints run from the writer when it is idle, not inside a random commit
                st.execute("PRAGMA wal_autocheckpoint = 0");
                // after a checkpoint, shrink a WAL that grew under a burst back to at most 64 MiB
                st.execute("PRAGMA journal_size_limit = 67108864");
                // the hot pages of jobs, history and their indexes stay in memory (default is 2 MiB)
                st.execute("PRAGMA cache_size = -32768");
                st.execute("PRAGMA temp_store = MEMORY");
            }
            Schema.migrate(writerConnection, file.toString());

            SQLiteConfig readConfig = baseConfig(busyTimeout);
            readerConnection = readConfig.createConnection(url);
            try (var st = readerConnection.createStatement()) {
                st.execute("PRAGMA query_only = 1");
            }
            GroupCommitWriter writer = new GroupCommitWriter(writerConnection, libraryDir.getFileName().toString(),
                    commitThread, batchCommitted);
            return new Database(file, writer, readerConnection);
        } catch (SQLException e) {
            closeQuietly(writerConnection);
            closeQuietly(readerConnection);
            throw StoreErrors.translate("opening " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(writerConnection);
            closeQuietly(readerConnection);
            throw e;
        }
    }

    /**
     * Refuses a file that is not a Stint library before the writer connection switches it to WAL: a
     * foreign or newer file is left exactly as it was, byte for byte. A missing or empty file passes.
     */
    private static void checkIdentityUnchanged(Path file, String url, Duration busyTimeout) throws SQLException {
        try {
            if (!java.nio.file.Files.isRegularFile(file) || java.nio.file.Files.size(file) == 0) {
                return;
            }
        } catch (java.io.IOException e) {
            throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
        }
        // the base settings only: no journal mode, so opening and reading change nothing in the file
        try (Connection probe = baseConfig(busyTimeout).createConnection(url)) {
            Schema.checkIdentity(probe, file.toString());
        }
    }

    private static SQLiteConfig baseConfig(Duration busyTimeout) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        config.enforceForeignKeys(true);
        return config;
    }

    private static void closeQuietly(ReaderStatements reader) {
        try {
            reader.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing
            }
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** The group-committing writer. */
    public GroupCommitWriter writer() {
        return writer;
    }

    /**
     * Runs a query on the reader connection.
     *
     * @throws StorageException if it fails
     */
    public <T> T read(Query<T> query) {
        readerLock.lock();
        try {
            return query.run(reader.connection());
        } catch (SQLException e) {
            throw StoreErrors.translate("reading " + file, e);
        } finally {
            readerLock.unlock();
        }
    }

    /** For tests: drops queued writes and closes, as a killed process would. */
    public void crash() {
        writer.crash();
        readerLock.lock();
        try {
            closeQuietly(reader);
        } finally {
            readerLock.unlock();
        }
    }

    /** Closes the writer (after it has run everything queued) and the reader. */
    @Override
    public void close() {
        writer.close();
        readerLock.lock();
        try {
            closeQuietly(reader);
        } finally {
            readerLock.unlock();
        }
    }
}
