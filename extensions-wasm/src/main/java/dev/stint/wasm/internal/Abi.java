package dev.stint.wasm.internal;

import dev.stint.wasm.WasmCapability;
import dev.stint.wasm.internal.WasmBinary.FuncType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Stint extension ABI, version 1: what a module exports, what the host imports into it, and the codes
 * they exchange. {@code docs/extensions.md} documents the same tables; keep them in step.
 */
public final class Abi {
    private Abi() {
    }

    /** The ABI version this host implements. */
    public static final int VERSION = 1;

    /** The import module name of every host function. */
    public static final String IMPORT_MODULE = "stint";

    public static final String EXPORT_MEMORY = "memory";
    public static final String EXPORT_ABI_VERSION = "stint_abi_version";
    public static final String EXPORT_ALLOC = "stint_alloc";
    public static final String EXPORT_RUN = "stint_run";

    /** The exported functions every module must have, with their types. */
    public static final Map<String, FuncType> REQUIRED_FUNCTIONS = ordered(
            EXPORT_ABI_VERSION, FuncType.of("", "i32"),
            EXPORT_ALLOC, FuncType.of("i32", "i32"),
            EXPORT_RUN, FuncType.of("i32, i32, i32, i32", "i32"));

    /** {@code stint_run} results. */
    public static final int RUN_COMPLETED = 0, RUN_STOPPED = 1, RUN_FAILED = 2;

    /**
     * {@code interrupted()} results. Modules must treat any other non-zero value like {@code SHUTDOWN}
     * (checkpoint, return 1): later versions of v1 may add reasons.
     */
    public static final int INTERRUPT_NONE = 0, INTERRUPT_PAUSE = 1, INTERRUPT_CANCEL = 2, INTERRUPT_SHUTDOWN = 3,
            INTERRUPT_TIMEOUT = 4;

    /** {@code log(level, ...)} levels. */
    public static final int LOG_DEBUG = 0, LOG_INFO = 1, LOG_WARN = 2, LOG_ERROR = 3;

    /**
     * A host function a module may import from {@code "stint"}.
     *
     * @param capability null for the default functions every module may import
     */
    public record HostFunction(String name, FuncType type, WasmCapability capability) {
    }

    /** Every host function, by name. */
    public static final Map<String, HostFunction> HOST_FUNCTIONS;

    static {
        Map<String, HostFunction> m = new LinkedHashMap<>();
        host(m, "progress_count", "i64, i64", "", null);
        host(m, "progress_percent", "f64", "", null);
        host(m, "progress_bytes", "i64, i64", "", null);
        host(m, "checkpoint", "i32, i32", "", null);
        host(m, "interrupted", "", "i32", null);
        host(m, "log", "i32, i32, i32", "", null);
        host(m, "report_error", "i32, i32", "", null);
        host(m, "set_output", "i32, i32", "", null);
        host(m, "clock_millis", "", "i64", WasmCapability.CLOCK);
        host(m, "monotonic_nanos", "", "i64", WasmCapability.CLOCK);
        host(m, "random_fill", "i32, i32", "", WasmCapability.RANDOM);
        HOST_FUNCTIONS = java.util.Collections.unmodifiableMap(m);
    }

    private static void host(Map<String, HostFunction> m, String name, String params, String results,
            WasmCapability capability) {
        m.put(name, new HostFunction(name, FuncType.of(params, results), capability));
    }

    private static Map<String, FuncType> ordered(Object... kv) {
        Map<String, FuncType> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (FuncType) kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
