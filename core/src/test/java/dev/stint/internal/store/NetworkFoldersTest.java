package dev.stint.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.NetworkFileSystemException;
import dev.stint.StorageException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkFoldersTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afpfs", "webdav", "davfs", "9p",
            "afs", "fuse.sshfs", "fuse.rclone", "fuse.gvfsd-fuse", "vboxsf", "NFS4", "SMBFS"})
    void a_folder_on_a_network_file_store_is_refused_naming_its_type(String type) {
        NetworkFolders folders = new NetworkFolders(on(new StandInFileStore(type)));

        assertThat(folders.networkType(dir)).contains(type);
        assertThatThrownBy(() -> folders.refuseIfNetwork(dir)).isInstanceOf(NetworkFileSystemException.class)
                .isInstanceOf(StorageException.class)
                .satisfies(e -> {
                    NetworkFileSystemException refused = (NetworkFileSystemException) e;
                    assertThat(refused.folder()).isEqualTo(dir);
                    assertThat(refused.fileSystemType()).isEqualTo(type);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext4", "xfs", "btrfs", "zfs", "tmpfs", "overlay", "apfs", "hfs", "NTFS", "ReFS", "FAT32",
            "exFAT", "fuseblk", "fuse", "fuse.encfs", "fuse.gocryptfs", "fuse.portal", "virtiofs"})
    void a_folder_on_a_local_or_fuse_block_file_store_is_not_refused(String type) {
        NetworkFolders folders = new NetworkFolders(on(new StandInFileStore(type)));

        assertThat(folders.networkType(dir)).isEmpty();
        folders.refuseIfNetwork(dir);
    }

    @Test
    void a_file_store_that_cannot_be_read_is_not_taken_for_a_share() {
        assertThat(new NetworkFolders(p -> null).networkType(dir)).isEmpty();
    }

    @Test
    void the_refusal_says_why_and_offers_the_database_folder_option() {
        NetworkFolders folders = new NetworkFolders(on(new StandInFileStore("cifs")));

        assertThatThrownBy(() -> folders.refuseIfNetwork(dir))
                .hasMessageContaining("jobs.db cannot live in " + dir)
                .hasMessageContaining("network file system (cifs)")
                .hasMessageContaining("SQLite's write-ahead log needs shared memory and reliable file locks")
                .hasMessageContaining("Library.Builder.databaseFolder(Path)");
    }

    @Test
    void a_temporary_folder_read_through_its_real_file_store_is_local() {
        assertThat(NetworkFolders.SYSTEM.apply(dir)).isNotBlank();
        assertThat(new NetworkFolders(NetworkFolders.SYSTEM).networkType(dir)).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void a_windows_unc_path_is_refused_whatever_its_file_store_says() {
        NetworkFolders folders = new NetworkFolders(on(new StandInFileStore("NTFS")));

        assertThat(folders.networkType(Path.of("\\\\server\\share\\photos"))).contains("UNC path");
    }

    @Test
    void a_local_path_is_no_unc_path() {
        assertThat(NetworkFolders.isUncPath(dir)).isFalse();
    }

    /** The type seam, reading a stand-in store the way the real check reads {@code Files.getFileStore}. */
    private static java.util.function.Function<Path, String> on(FileStore store) {
        return folder -> store.type();
    }

    /** A file store that is only a type, as a mounted share would report it. */
    private static final class StandInFileStore extends FileStore {
        private final String type;

        StandInFileStore(String type) {
            this.type = type;
        }

        @Override
        public String name() {
            return "stand-in";
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public boolean isReadOnly() {
            return false;
        }

        @Override
        public long getTotalSpace() {
            return 0;
        }

        @Override
        public long getUsableSpace() {
            return 0;
        }

        @Override
        public long getUnallocatedSpace() {
            return 0;
        }

        @Override
        public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
            return false;
        }

        @Override
        public boolean supportsFileAttributeView(String name) {
            return false;
        }

        @Override
        public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
            return null;
        }

        @Override
        public Object getAttribute(String attribute) throws IOException {
            throw new UnsupportedOperationException(attribute);
        }
    }
}
