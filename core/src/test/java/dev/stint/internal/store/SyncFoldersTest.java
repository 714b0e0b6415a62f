package dev.stint.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncFoldersTest {
    @TempDir
    Path dir;

    @Test
    void a_folder_inside_a_dropbox_onedrive_or_icloud_root_is_recognised_by_name() {
        assertThat(SyncFolders.syncedBy(dir.resolve("Dropbox/photos/library"))).contains("a folder named 'Dropbox'");
        assertThat(SyncFolders.syncedBy(dir.resolve("OneDrive - Contoso/lib"))).contains(
                "a folder named 'OneDrive - Contoso'");
        assertThat(SyncFolders.syncedBy(dir.resolve("onedrive/lib"))).isPresent();
        assertThat(SyncFolders.syncedBy(dir.resolve("Library/Mobile Documents/com~apple~CloudDocs/lib"))).isPresent();
        assertThat(SyncFolders.syncedBy(dir.resolve("Google Drive/lib"))).isPresent();
    }

    @Test
    void a_folder_inside_a_syncthing_folder_is_recognised_by_its_marker() throws Exception {
        Path shared = dir.resolve("shared");
        Files.createDirectories(shared.resolve(SyncFolders.SYNCTHING_MARKER));
        Path library = Files.createDirectories(shared.resolve("photos/library"));

        assertThat(SyncFolders.syncedBy(library)).hasValueSatisfying(
                hint -> assertThat(hint).startsWith("a Syncthing folder").contains(".stfolder"));
    }

    @Test
    void an_ordinary_folder_or_a_name_that_only_contains_a_tool_name_is_not_recognised() {
        assertThat(SyncFolders.syncedBy(dir.resolve("library"))).isEmpty();
        assertThat(SyncFolders.syncedBy(dir.resolve("dropbox-export/library"))).isEmpty();
    }
}
