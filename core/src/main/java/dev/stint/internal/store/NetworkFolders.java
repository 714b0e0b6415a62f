package dev.stint.internal.store;

import dev.stint.NetworkFileSystemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a folder for {@code jobs.db} that is on a network file system, where SQLite's write-ahead log is not
 * safe (it maps {@code jobs.db-shm} into memory as shared memory and relies on file locks). A folder is on one
 * when its {@link java.nio.file.FileStore#type() FileStore type} is in {@link #NETWORK_TYPES}, or when it is a
 * Windows UNC path ({@code \\server\share\...}).
 *
 * <p>What is not refused, on purpose: {@code fuseblk} (a FUSE driver over a local disk, usually ntfs-3g or
 * exfat), {@code fuse} and {@code fuse.*} types not listed (encfs, gocryptfs, the Flatpak document portal and
 * many others are local), {@code virtiofs}, {@code overlay}, and any type that cannot be read (an error is not
 * evidence of a share). A Windows drive letter mapped to a share is not detected: Java reports the remote
 * volume's own file system ({@code NTFS}) and does not expose the drive type.
 */
public final class NetworkFolders {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkFolders.class);

    /**
     * File-system types (lower case, as Linux's {@code /proc/mounts} and macOS's {@code statfs} name them) that
     * are network file systems: NFS, SMB/CIFS in its spellings, AFP, WebDAV, 9p (also WSL 2's Windows drives),
     * AFS, Coda, NCP, Ceph, Lustre, GlusterFS, VirtualBox shared folders, and the FUSE drivers that only reach
     * other machines (SSHFS, rclone, s3fs, GlusterFS, GNOME's gvfs).
     */
    public static final Set<String> NETWORK_TYPES = Set.of("nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs",
            "afpfs", "webdav", "davfs", "9p", "afs", "coda", "ncpfs", "ncp", "ceph", "lustre", "glusterfs", "vboxsf",
            "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.glusterfs", "fuse.gvfsd-fuse");

    /** The type of a folder's {@link java.nio.file.FileStore}, or null when it cannot be read. */
    public static final Function<Path, String> SYSTEM = NetworkFolders::fileStoreType;

    private final Function<Path, String> fileStoreTypes;

    /** Checks folders whose file-system type {@code fileStoreTypes} gives (null: unknown). */
    public NetworkFolders(Function<Path, String> fileStoreTypes) {
        this.fileStoreTypes = fileStoreTypes;
    }

    /**
     * Throws if {@code folder} is on a network file system.
     *
     * @throws NetworkFileSystemException naming the folder, its type and the remedy
     */
    public void refuseIfNetwork(Path folder) {
        Optional<String> type = networkType(folder);
        if (type.isPresent()) {
            throw new NetworkFileSystemException(folder, type.get());
        }
    }

    /** The network file-system type {@code folder} is on, or empty when it is local or unknown. */
    public Optional<String> networkType(Path folder) {
        if (isUncPath(folder)) {
            return Optional.of("UNC path");
        }
        String type = fileStoreTypes.apply(folder);
        if (type == null) {
            return Optional.empty();
        }
        return isNetworkType(type) ? Optional.of(type) : Optional.empty();
    }

    /** Whether a file-system type names a network file system (case does not matter). */
    public static boolean isNetworkType(String type) {
        return NETWORK_TYPES.contains(type.strip().toLowerCase(Locale.ROOT));
    }

    /** A Windows path to a share, {@code \\server\share\...} (its root starts with two backslashes). */
    static boolean isUncPath(Path folder) {
        Path root = folder.toAbsolutePath().getRoot();
        return root != null && root.toString().startsWith("\\\\");
    }

    private static String fileStoreType(Path folder) {
        try {
            return Files.getFileStore(folder).type();
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            LOG.debug("cannot read the file system of {}: {}", folder, e.toString());
            return null;
        }
    }
}
