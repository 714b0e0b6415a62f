package dev.stint;

import java.nio.file.Path;

/**
 * The library's {@code jobs.db} is not where this open looks for it, so the library refuses to open and changes
 * nothing (it would otherwise start an empty library, or take over another library's jobs). One of:
 * <ul>
 *   <li>the database folder given to {@link Library.Builder#databaseFolder(Path)} holds the database of another
 *       library (each library needs a database folder of its own);</li>
 *   <li>the library was opened with a database folder before, and this open names another one, or none;</li>
 *   <li>the library folder still holds its own {@code jobs.db} while this open names a database folder: move
 *       {@code jobs.db} (and {@code jobs.db-wal}, if there is one) there first, with the library closed.</li>
 * </ul>
 * The message names the folders and what to do.
 */
public final class WrongDatabaseFolderException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final transient Path libraryDir;
    private final transient Path databaseFolder;

    /**
     * The library in {@code libraryDir}, opened with its database in {@code databaseFolder} (the library folder
     * itself when none was given), cannot open because of {@code problem}; {@code advice} says what to do.
     */
    public WrongDatabaseFolderException(Path libraryDir, Path databaseFolder, String problem, String advice) {
        super("library " + libraryDir + " cannot open with its database in " + databaseFolder + ": " + problem + ". "
                + advice, null);
        this.libraryDir = libraryDir;
        this.databaseFolder = databaseFolder;
    }

    /** The library folder. */
    public Path libraryDir() {
        return libraryDir;
    }

    /** The folder this open looked for {@code jobs.db} in. */
    public Path databaseFolder() {
        return databaseFolder;
    }
}
