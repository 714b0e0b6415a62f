package dev.stint.wasm;

import dev.stint.JobEvent;
import dev.stint.JobHandle;
import dev.stint.Library;
import dev.stint.Progress;
import java.nio.file.Path;

/**
 * Child-JVM main for {@link KillTest}: opens a library with the discovered extensions, dispatches
 * {@code demo-wasm:count} with the given JSON arguments, prints {@code READY <id>} and then
 * {@code PROGRESS <done>} for every progress event, until it is killed.
 */
public final class CountChild {
    private CountChild() {
    }

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args[0]);
        WasmExtensions extensions = WasmExtensions.discover(library);
        Library lib = Plugins.open(library, extensions);
        JobHandle<Object> handle = lib.dispatch("demo-wasm:count", args[1]);
        handle.subscribe(e -> {
            if (e instanceof JobEvent.ProgressUpdated p && p.progress() instanceof Progress.Count c) {
                System.out.println("PROGRESS " + c.done());
                System.out.flush();
            }
        });
        System.out.println("READY " + handle.id());
        System.out.flush();
        handle.result().join();
        System.out.println("DONE");
        lib.close();
    }
}
