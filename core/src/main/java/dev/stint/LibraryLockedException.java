package dev.stint;

import java.nio.file.Path;

/** The library is already open, in this process or another one; a library has one owner at a time. */
public final class LibraryLockedException extends StintException {
    private static final long serialVersionUID = 1L;
    private final transient Path libraryDir;

    /** The library at {@code libraryDir} is open elsewhere; {@code owner} describes the holder, if known. */
    public LibraryLockedException(Path libraryDir, String owner) {
        super("library " + libraryDir + " is already open" + (owner == null || owner.isBlank() ? "" : " (" + owner + ")")
                + "; close it there first", null);
        this.libraryDir = libraryDir;
    }

    /** The library folder. */
    public Path libraryDir() {
        return libraryDir;
    }
}
