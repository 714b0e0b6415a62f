package dev.stint.sample.cli;

import dev.stint.Library;
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

    /** A builder with every catalog the console knows. */
    static Library.Builder builder(Path dir) {
        return Library.builder(dir).catalog(WasmExtensions.discover(dir).catalog());
    }

    /** A builder that also knows the named queues (concurrency 1 each unless {@code run} says otherwise). */
    static Library.Builder builder(Path dir, List<String> queues) {
        Library.Builder builder = builder(dir);
        for (String q : queues) {
            builder.queue(q, 1);
        }
        return builder;
    }

    /** Opens without starting workers: for commands that only store or query jobs. */
    static Library openIdle(Path dir) {
        return builder(dir).autoStart(false).open();
    }
}
