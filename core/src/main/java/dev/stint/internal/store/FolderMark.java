package dev.stint.internal.store;

import dev.stint.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One of the two small files that pair a library folder with a separate database folder: a library id and the
 * other folder's path, as {@code id=...} and {@code <key>=...} lines under a comment. Read with a size cap (a
 * library folder can come from anyone) and written whole, through a temporary file moved into place.
 *
 * @param id the library's id (a random UUID given at its first open with a database folder); empty when the file
 *     is unreadable, so that it matches no library
 * @param path the other folder, as written (for messages and the "moved?" check), or empty
 */
record FolderMark(String id, String path) {
    private static final int MAX_BYTES = 4096;

    /** The mark in {@code file}, or null when there is none. */
    static FolderMark read(Path file, String pathKey) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return new FolderMark("", "");
        }
        String id = "";
        String path = "";
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("id=")) {
                id = line.substring(3).strip();
            } else if (line.startsWith(pathKey + "=")) {
                path = line.substring(pathKey.length() + 1).strip();
            }
        }
        return new FolderMark(id, path);
    }

    /** Writes this mark to {@code file}, replacing it, under a comment saying what it is. */
    void write(Path file, String comment, String pathKey) {
        String text = "# " + comment + "\nid=" + id + "\n" + pathKey + "=" + path + "\n";
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StorageException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
