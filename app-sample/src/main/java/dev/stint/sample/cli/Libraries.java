package dev.stint.sample.cli;

import dev.stint.Library;
import dev.stint.LibraryLockedException;
import dev.stint.wasm.WasmExtensions;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens the library a command works on. Java job catalogs are found with {@link java.util.ServiceLoader};
 * WASM extension jobs (the {@code demo-wasm} extension on the class path, and any in the library's
 * {@code plugins/} folder) come from {@link WasmExtensions#discover}.
 */
final class Libraries {

    private Libraries() {
    }

    /**
     * A builder with every catalog the console knows, for the library in {@code dir} whose {@code jobs.db} lives
     * in {@code databaseFolder} (null: in the library folder).
     */
    static Library.Builder builder(Path dir, Path databaseFolder) {
        Library.Builder builder = Library.builder(dir).catalog(WasmExtensions.discover(dir).catalog());
        return databaseFolder == null ? builder : builder.databaseFolder(databaseFolder);
    }

    /** A builder that also knows the named queues (concurrency 1 each unless {@code run} says otherwise). */
    static Library.Builder builder(Path dir, Path databaseFolder, List<String> queues) {
        Library.Builder builder = builder(dir, databaseFolder);
        for (String q : queues) {
            builder.queue(q, 1);
        }
        return builder;
    }

    /** Opens without starting workers: for commands that only store or query jobs. */
    static Library openIdle(Path dir, Path databaseFolder) {
        return builder(dir, databaseFolder).autoStart(false).open();
    }

    /**
     * The library of {@code line} for a store-and-query command: opened here without workers (knowing the named
     * {@code queues}), or, when another process holds it, that process through its control endpoint.
     *
     * @throws NoControlEndpointException if another process holds it and has no control endpoint
     */
    static LibraryAccess access(CommandLine line, Console console, List<String> queues) {
        Path dir = line.libraryDir(console.env());
        try {
            return new LocalAccess(builder(dir, line.databaseFolder(console.env()), queues).autoStart(false).open());
        } catch (LibraryLockedException locked) {
            return EndpointAccess.find(dir, locked)
                    .orElseThrow(() -> new NoControlEndpointException(locked, line.command()));
        }
    }
}
