package dev.stint.sample.gui;

import dev.stint.Library;
import dev.stint.wasm.WasmExtensions;
import java.nio.file.Path;

/**
 * Opens libraries with every catalog the console knows: the Java demo jobs (found with
 * {@link java.util.ServiceLoader}) and the WASM extension jobs ({@code demo-wasm} on the class path and any
 * module in the library's {@code plugins/} folder), as the console's {@code Libraries} does.
 */
public final class SampleLibraries {

    private SampleLibraries() {
    }

    /** A builder for {@code dir} with the demo and WASM catalogs. */
    public static Library.Builder builder(Path dir) {
        return Library.builder(dir).catalog(WasmExtensions.discover(dir).catalog());
    }
}
