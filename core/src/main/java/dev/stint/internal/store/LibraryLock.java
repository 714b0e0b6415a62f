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

    private final FileChannel channel;
    private final FileLock lock;

    private LibraryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or fails at once.
     *
     * @throws LibraryLockedException if another process, or this one, holds it
     * @throws StorageException if the lock file cannot be created
     */
    public static LibraryLock acquire(Path libraryDir) {
        Path file = libraryDir.resolve(FILE_NAME);
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
            String owner = "by process " + ProcessHandle.current().pid() + " since " + Instant.now();
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new LibraryLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException("cannot lock " + file + ": " + e.getMessage(), e);
        }
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
