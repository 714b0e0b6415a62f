package dev.stint.internal.conditions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Usable space of the file store holding a path, read directly (portable, a cheap system call). */
final class DiskSpace {
    private DiskSpace() {
    }

    /**
     * Usable bytes on the store of {@code path}, or of its nearest existing ancestor when it does not exist
     * yet (a folder a job will create); empty when nothing can be read.
     */
    static OptionalLong usableBytes(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Files.getFileStore(p).getUsableSpace());
        } catch (IOException | SecurityException e) {
            return OptionalLong.empty();
        }
    }
}
