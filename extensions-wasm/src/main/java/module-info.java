/**
 * Stint WebAssembly extensions: sandboxed, resumable extension jobs run with GraalVM polyglot WebAssembly.
 * Exports only {@code dev.stint.wasm}; the rest is internal.
 */
module dev.stint.wasm {
    requires transitive dev.stint.core;
    requires org.graalvm.polyglot;
    requires io.github.classgraph;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.stint.wasm;

    // The engine's codec (Jackson) reads and writes WasmJob's fields; descriptors are read into records.
    opens dev.stint.wasm.internal to com.fasterxml.jackson.databind;
}
