package dev.stint;

import java.nio.file.Path;

/**
 * The folder where {@code jobs.db} would live is on a network file system (an NFS, SMB/CIFS, AFP, WebDAV,
 * 9p or SSHFS mount, or a Windows UNC path), so the library refuses to open and changes nothing. SQLite's
 * write-ahead log keeps its index in shared memory (the {@code jobs.db-shm} file, mapped into memory) and
 * relies on file locks; network file systems give neither reliably, so a library kept there could lose
 * committed jobs or corrupt {@code jobs.db}. The remedy is {@link Library.Builder#databaseFolder(Path)}: the
 * library folder stays on the share and its database lives in a local folder of the application's choosing.
 */
public final class NetworkFileSystemException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final transient Path folder;
    private final String fileSystemType;

    /** {@code jobs.db} cannot live in {@code folder}, whose file system is {@code fileSystemType}. */
    public NetworkFileSystemException(Path folder, String fileSystemType) {
        super("jobs.db cannot live in " + folder + ": it is on a network file system (" + fileSystemType
                + "). SQLite's write-ahead log needs shared memory and reliable file locks, which network file"
                + " systems do not give, so jobs could be lost or jobs.db corrupted. Keep the library folder where it"
                + " is and put its database in a local folder with Library.Builder.databaseFolder(Path)", null);
        this.folder = folder;
        this.fileSystemType = fileSystemType;
    }

    /** The folder that was refused (where {@code jobs.db} would have lived). */
    public Path folder() {
        return folder;
    }

    /**
     * The file system found there, as the operating system names it ({@code "nfs4"}, {@code "cifs"},
     * {@code "smbfs"}, ...), or {@code "UNC path"} for a Windows network path.
     */
    public String fileSystemType() {
        return fileSystemType;
    }
}
