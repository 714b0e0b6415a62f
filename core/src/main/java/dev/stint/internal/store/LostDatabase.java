package dev.stint.internal.store;

import dev.stint.DamagedLibraryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start an empty library in a folder that already held one: a {@code jobs.db} that is missing or
 * empty (truncated to 0 bytes) beside the traces a library leaves (its lock file marked by an open that got
 * as far as the schema, {@code logs/}, a write-ahead log or journal) means the jobs were lost, and opening
 * would silently replace them with an empty library. A brand-new folder (or one holding only {@code plugins/},
 * which may be put there before the first open), or one whose first open died before the schema was written
 * (its lock file is not marked), still becomes a library.
 */
public final class LostDatabase {
    private static final List<String> TRACES = List.of("logs", Database.FILE_NAME + "-wal",
            Database.FILE_NAME + "-shm", Database.FILE_NAME + "-journal");

    private LostDatabase() {
    }

    /**
     * The traces of an earlier library in {@code dir}: the lock file if it {@linkplain LibraryLock#heldLibrary
     * said so}, and the folders and files only a library makes (looked up without opening them).
     */
    static List<String> traces(Path dir, LibraryLock lock) {
        List<String> found = new ArrayList<>();
        if (lock.heldLibrary()) {
            found.add(LibraryLock.FILE_NAME);
        }
        for (String name : TRACES) {
            if (Files.exists(dir.resolve(name))) {
                found.add(name);
            }
        }
        return found;
    }

    /**
     * Throws if {@code jobs.db} in {@code dir} is missing or empty while the folder shows {@link #traces} of a
     * library. Call it holding the owner {@code lock}, before anything opens {@code jobs.db}.
     *
     * @throws DamagedLibraryException naming the traces and what to do
     */
    public static void refuseIfLost(Path dir, LibraryLock lock) {
        refuseIfLost(dir, lock, List.of());
    }

    /**
     * As {@link #refuseIfLost(Path, LibraryLock)} for a {@code jobs.db} in {@code dir}, a database folder apart
     * from its library folder, whose own traces of a library ({@link DatabaseFolder#libraryTraces}) are
     * {@code libraryTraces}.
     */
    static void refuseIfLost(Path dir, LibraryLock lock, List<String> libraryTraces) {
        List<String> traces = new ArrayList<>(traces(dir, lock));
        traces.addAll(libraryTraces);
        if (traces.isEmpty()) {
            return;
        }
        Path file = dir.resolve(Database.FILE_NAME);
        long size;
        try {
            size = Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            size = -1;
        }
        if (size > 0) {
            return;
        }
        throw new DamagedLibraryException(file.toString(),
                List.of((size < 0 ? "the file is missing" : "the file is empty")
                        + " but the folder already held a library (" + String.join(", ", traces) + ")"),
                "Its jobs would be lost: restore jobs.db from a backup (or, if it lives on another computer, open"
                        + " the library there). If this folder never held jobs (a first open that failed), delete " + String.join(", ", traces) + " and open it again");
    }
}
