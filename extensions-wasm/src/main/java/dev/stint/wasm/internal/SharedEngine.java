package dev.stint.wasm.internal;

import org.graalvm.polyglot.Engine;

/**
 * The process's polyglot engine for WebAssembly, created on the first extension run. Every run gets its own
 * context (its own memory and instance) on this engine, so modules are parsed once and, with the optimizing
 * runtime, compiled code is shared between runs.
 */
final class SharedEngine {
    private static volatile Engine engine;

    private SharedEngine() {
    }

    static Engine get() {
        Engine e = engine;
        if (e == null) {
            synchronized (SharedEngine.class) {
                e = engine;
                if (e == null) {
                    e = Engine.newBuilder("wasm").build();
                    engine = e;
                }
            }
        }
        return e;
    }
}
