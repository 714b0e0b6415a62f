package dev.stint.internal.store;

import dev.stint.WrongDatabaseFolderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where a library's {@code jobs.db} lives, and whether the {@code jobs.db} found there is this library's. By
 * default it lives in the library folder, and only {@link LostDatabase}'s check applies. With a database folder
 * of its own ({@code Library.Builder.databaseFolder}), the two folders are paired by a library id written at the
 * first open into {@value #LOCATION_FILE} in the library folder (the id and the database folder) and
 * {@value #OWNER_FILE} in the database folder (the id and the library folder). Refused, with
 * {@link WrongDatabaseFolderException}:
 * <ul>
 *   <li>a database folder paired with another library, or that held a library's database of its own;</li>
 *   <li>a library folder that still holds its own {@code jobs.db} (or its write-ahead log): a database folder
 *       would start an empty library beside it;</li>
 *   <li>a library paired with a database folder, opened with none or with another one that holds no
 *       database.</li>
 * </ul>
 * A database folder that holds a {@code jobs.db} and no pairing is adopted (the user moved {@code jobs.db} there
 * by hand), as is a paired one found under another path (the folders were moved). A missing or empty
 * {@code jobs.db} where the pairing says it lives is refused by {@link LostDatabase}.
 */
public final class DatabaseFolder {
    /** In a library folder: where the library's database lives (a library id and a folder). */
    public static final String LOCATION_FILE = Database.FILE_NAME + ".location";
    /** In a database folder: whose database it holds (a library id and a folder). */
    public static final String OWNER_FILE = Database.FILE_NAME + ".library";

    private static final String LOCATION_KEY = "database";
    private static final String OWNER_KEY = "library";

    private final Path libraryDir;
    private final Path databaseDir;
    private final String libraryId;

    private DatabaseFolder(Path libraryDir, Path databaseDir, String libraryId) {
        this.libraryDir = libraryDir;
        this.databaseDir = databaseDir;
        this.libraryId = libraryId;
    }

    /**
     * Checks that {@code jobs.db} in {@code databaseDir} is the library's in {@code libraryDir} (the same folder
     * by default). Call it holding the owner {@code lock} of {@code databaseDir}, before anything opens
     * {@code jobs.db}.
     *
     * @throws WrongDatabaseFolderException if it belongs to another library, or the library's is elsewhere
     * @throws dev.stint.DamagedLibraryException if it is missing or empty while the folders held a library
     */
    public static DatabaseFolder check(Path libraryDir, Path databaseDir, LibraryLock lock) {
        Path library = libraryDir.toAbsolutePath().normalize();
        Path database = databaseDir.toAbsolutePath().normalize();
        FolderMark location = FolderMark.read(library.resolve(LOCATION_FILE), LOCATION_KEY);
        if (library.equals(database)) {
            refuseIfElsewhere(libraryDir, databaseDir);
            LostDatabase.refuseIfLost(database, lock);
            return new DatabaseFolder(library, database, null);
        }
        if (Files.exists(library.resolve(Database.FILE_NAME))
                || Files.exists(library.resolve(Database.FILE_NAME + "-wal"))) {
            throw new WrongDatabaseFolderException(library, database, "the library folder still holds its own "
                    + Database.FILE_NAME + ", and a new, empty one would start in the database folder", "Close every"
                    + " program using the library, move jobs.db (and jobs.db-wal, if there is one) into " + database
                    + ", then open it again");
        }
        FolderMark owner = FolderMark.read(database.resolve(OWNER_FILE), OWNER_KEY);
        if (owner != null && (location == null || owner.id().isEmpty() || !owner.id().equals(location.id()))) {
            throw new WrongDatabaseFolderException(library, database, "the folder holds the database of library "
                    + shown(owner.path()) + " (" + OWNER_FILE + " says so)", "Give each library a database folder"
                    + " of its own");
        }
        if (owner == null && lock.heldLibrary()) {
            throw new WrongDatabaseFolderException(library, database, "the folder held a library's database of its"
                    + " own (its " + LibraryLock.FILE_NAME + " says so)", "Give each library a database folder of"
                    + " its own");
        }
        if (!holdsDatabase(database)) {
            if (location != null && !location.path().equals(database.toString())) {
                throw new WrongDatabaseFolderException(library, database, "its database lives in "
                        + shown(location.path()) + " (" + LOCATION_FILE + " says so)", "Open it with"
                        + " Library.Builder.databaseFolder(" + shown(location.path()) + "), or move jobs.db (and"
                        + " jobs.db-wal, if there is one) from there into " + database);
            }
            LostDatabase.refuseIfLost(database, lock, libraryTraces(library));
        }
        String id = location != null && !location.id().isEmpty() ? location.id() : UUID.randomUUID().toString();
        return new DatabaseFolder(library, database, id);
    }

    /**
     * Throws if the library in {@code libraryDir}, opened with its database in {@code databaseDir}, is opened with
     * its database in the library folder while it was paired with a database folder. Needs no lock: called before
     * the lock is taken, so that such an open leaves no lock file in the library folder.
     *
     * @throws WrongDatabaseFolderException naming the database folder to open it with
     */
    public static void refuseIfElsewhere(Path libraryDir, Path databaseDir) {
        Path library = libraryDir.toAbsolutePath().normalize();
        Path database = databaseDir.toAbsolutePath().normalize();
        if (!library.equals(database)) {
            return;
        }
        FolderMark location = FolderMark.read(library.resolve(LOCATION_FILE), LOCATION_KEY);
        if (location != null) {
            throw new WrongDatabaseFolderException(library, database, "its database lives in "
                    + shown(location.path()) + " (" + LOCATION_FILE + " says so)", "Open it with"
                    + " Library.Builder.databaseFolder(" + shown(location.path()) + "). To bring the database"
                    + " back into the library folder, close the library, move jobs.db (and jobs.db-wal, if"
                    + " there is one) here and delete " + LOCATION_FILE);
        }
    }

    /**
     * Records the pairing once {@code jobs.db} opened (nothing for a database in the library folder). The
     * library's side is written first: an open that dies between the two leaves a database folder without its
     * owner file, which the next open adopts.
     *
     * @throws dev.stint.StorageException if a file cannot be written
     */
    public void recordOpened() {
        if (libraryId == null) {
            return;
        }
        FolderMark location = new FolderMark(libraryId, databaseDir.toString());
        if (!location.equals(FolderMark.read(libraryDir.resolve(LOCATION_FILE), LOCATION_KEY))) {
            location.write(libraryDir.resolve(LOCATION_FILE), "Stint: the database (jobs.db) of the library in this"
                    + " folder lives in another folder; keep this file", LOCATION_KEY);
        }
        FolderMark owner = new FolderMark(libraryId, libraryDir.toString());
        if (!owner.equals(FolderMark.read(databaseDir.resolve(OWNER_FILE), OWNER_KEY))) {
            owner.write(databaseDir.resolve(OWNER_FILE), "Stint: the jobs.db in this folder belongs to the library"
                    + " in another folder; keep this file", OWNER_KEY);
        }
    }

    /** The library folder's traces of a library whose database lived elsewhere, for {@link LostDatabase}. */
    static List<String> libraryTraces(Path libraryDir) {
        List<String> found = new ArrayList<>();
        for (String name : List.of(LOCATION_FILE, LibraryLock.FILE_NAME, "logs")) {
            if (Files.exists(libraryDir.resolve(name))) {
                found.add(libraryDir.resolve(name).toString());
            }
        }
        return found;
    }

    private static boolean holdsDatabase(Path databaseDir) {
        try {
            Path file = databaseDir.resolve(Database.FILE_NAME);
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String shown(String path) {
        return path.isEmpty() ? "an unreadable folder" : path;
    }
}
