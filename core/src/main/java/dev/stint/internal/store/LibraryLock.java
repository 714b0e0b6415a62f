package dev.stint.internal.store;

import dev.stint.LibraryLockedException;
import dev.stint.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The exclusive owner lock of a library: an OS file lock on {@code jobs.db.lock} beside the database,
 * holding the owner's process id. The OS releases it when the process dies, so a crash never leaves a
 * library locked.
 */
public final class LibraryLock implements AutoCloseable {
    /** Name of the lock file in the library folder. */
    public static final String FILE_NAME = "jobs.db.lock";

    /**
     * Appended to the owner line once {@code jobs.db} opened with its schema, and kept by every later owner: the
     * lock file then says that this folder holds a library (see {@link LostDatabase}); a first open that died
     * earlier leaves it out.
     */
    static final String OPENED_MARK = "; jobs.db opened";

    private final FileChannel channel;
    private final FileLock lock;
    private final String owner;
    private final boolean heldLibrary;

    private LibraryLock(FileChannel channel, FileLock lock, String owner, boolean heldLibrary) {
        this.channel = channel;
        this.lock = lock;
        this.owner = owner;
        this.heldLibrary = heldLibrary;
    }

    /** Records in the lock file that {@code jobs.db} opened with its schema (best effort). */
    public void markOpened() {
        try {
            byte[] line = (owner + OPENED_MARK).getBytes(StandardCharsets.UTF_8);
            channel.write(ByteBuffer.wrap(line), 0);
            channel.force(false);
        } catch (IOException ignored) {
            // the mark only sharpens the check for an emptied jobs.db; the lock itself is held
        }
    }

    /**
     * Whether the lock file said, before this owner took it, that the folder holds a library (an earlier open
     * got as far as the schema). Read through the lock's own channel: opening the file again in this process
     * would release the lock (POSIX locks belong to the process and go with any descriptor closed).
     */
    public boolean heldLibrary() {
        return heldLibrary;
    }

    /**
     * Takes the lock or fails at once.
     *
     * @throws LibraryLockedException if another process, or this one, holds it
     * @throws StorageException if the lock file cannot be created
     */
    public static LibraryLock acquire(Path libraryDir) {
        return acquire(libraryDir, libraryDir);
    }

    /**
     * Takes the lock in {@code lockDir}, the folder of the library's {@code jobs.db} (its library folder unless
     * it was given a database folder of its own), or fails at once. Errors name {@code libraryDir}.
     *
     * @throws LibraryLockedException if another process, or this one, holds it
     * @throws StorageException if the lock file cannot be created
     */
    public static LibraryLock acquire(Path lockDir, Path libraryDir) {
        Path file = lockDir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StorageException("cannot create lock file " + file + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                closeQuietly(channel);
                throw new LibraryLockedException(libraryDir, "by this process");
            }
            if (lock == null) {
                String owner = readOwner(file);
                closeQuietly(channel);
                throw new LibraryLockedException(libraryDir, owner);
            }
            String owner = "by process " + ProcessHandle.current().pid() + " since " + Instant.now()
                    + (lockDir.equals(libraryDir) ? "" : " for library " + libraryDir.toAbsolutePath());
            // the mark stays once written: an open refused later must not erase what the folder held
            boolean held = readHeld(channel).contains(OPENED_MARK);
            String line = held ? owner + OPENED_MARK : owner;
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new LibraryLock(channel, lock, owner, held);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** The lock file's text, through the channel that holds the lock (at most 4 KiB: an owner line is short). */
    private static String readHeld(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // read on until the end of the file or the buffer
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static String readOwner(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel close below releases it too
        }
        closeQuietly(channel);
    }
}
