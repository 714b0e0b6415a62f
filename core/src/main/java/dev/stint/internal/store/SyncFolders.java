package dev.stint.internal.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises a folder that a file-sync tool probably copies: a path with a folder named after Dropbox, OneDrive,
 * Google Drive or iCloud Drive (including macOS's {@code Mobile Documents} and {@code CloudStorage}), or inside a
 * Syncthing folder (an ancestor holding its {@code .stfolder} marker). A sync tool may copy {@code jobs.db}
 * without its {@code jobs.db-wal}, or bring back an older copy, so a library there can come back stale or torn.
 *
 * <p>Only a hint, for a warning: names can mislead both ways (a folder merely called "Dropbox", a sync root
 * renamed, a folder excluded from sync), and a library in a synced folder that only one machine opens, and that
 * is closed when the tool copies it, works. Refusing would break such setups; a warning names the risk and the
 * remedy.
 */
public final class SyncFolders {
    /** Folder names (lower case) that sync tools give their roots; OneDrive's may go on (" - Company"). */
    private static final List<String> ROOT_NAMES = List.of("dropbox", "google drive", "googledrive", "icloud drive",
            "mobile documents", "com~apple~clouddocs", "cloudstorage");
    private static final String ONEDRIVE = "onedrive";
    /** The marker Syncthing keeps at the root of every folder it syncs. */
    static final String SYNCTHING_MARKER = ".stfolder";

    private SyncFolders() {
    }

    /** Which sync tool's folder {@code folder} appears to be in, for a warning; empty when none is recognised. */
    public static Optional<String> syncedBy(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        for (Path p = absolute; p != null; p = p.getParent()) {
            Path name = p.getFileName();
            if (name != null) {
                String lower = name.toString().toLowerCase(Locale.ROOT);
                if (ROOT_NAMES.contains(lower) || lower.equals(ONEDRIVE) || lower.startsWith(ONEDRIVE + " - ")) {
                    return Optional.of("a folder named '" + name + "'");
                }
            }
            if (Files.isDirectory(p.resolve(SYNCTHING_MARKER))) {
                return Optional.of("a Syncthing folder (" + p.resolve(SYNCTHING_MARKER) + ")");
            }
        }
        return Optional.empty();
    }
}
