package dev.stint.wasm.internal;

import dev.stint.wasm.AbiViolationException;
import dev.stint.wasm.InvalidExtensionException;
import dev.stint.wasm.MemoryLimitException;
import dev.stint.wasm.ModuleLimitException;
import dev.stint.wasm.WasmCapability;
import dev.stint.wasm.WasmExtensionException;
import dev.stint.wasm.WasmLimits;
import dev.stint.wasm.internal.WasmBinary.Export;
import dev.stint.wasm.internal.WasmBinary.FuncType;
import dev.stint.wasm.internal.WasmBinary.Import;
import dev.stint.wasm.internal.WasmBinary.Memory;
import dev.stint.wasm.internal.WasmBinary.Table;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a module against ABI v1 before it ever runs: only allowed imports, a bounded memory, bounded
 * tables, globals and segments (everything instantiating it or running it can make the host allocate), the
 * required exports with the right types.
 */
final class ModuleCheck {
    private ModuleCheck() {
    }

    /**
     * @param who {@code "ext:job (module count.wasm)"}, for messages
     * @param capabilities the capabilities the descriptor requested and the application granted
     * @return the problem, or null when the module may run
     */
    static WasmExtensionException check(String extensionId, String jobName, String who, byte[] bytes,
            WasmLimits limits, Set<WasmCapability> capabilities) {
        int maxMemoryPages = limits.maxMemoryPages();
        WasmBinary w;
        try {
            w = WasmBinary.parse(bytes);
        } catch (WasmBinary.MalformedException e) {
            return new InvalidExtensionException(extensionId, jobName, who + " is not a valid WebAssembly module: "
                    + e.getMessage(), e);
        }
        for (Import imp : w.imports()) {
            String name = imp.module() + "." + imp.name();
            if (imp.kind() != WasmBinary.KIND_FUNC) {
                return new InvalidExtensionException(extensionId, jobName, who + " imports " + WasmBinary.kindName(imp.kind())
                        + " " + name + "; a module may import only host functions from \"" + Abi.IMPORT_MODULE
                        + "\" (and must define its own memory)");
            }
            Abi.HostFunction host = Abi.IMPORT_MODULE.equals(imp.module()) ? Abi.HOST_FUNCTIONS.get(imp.name()) : null;
            if (host == null) {
                return new InvalidExtensionException(extensionId, jobName, who + " imports " + name
                        + ", which Stint does not provide; a module may import only the ABI v1 host functions from \""
                        + Abi.IMPORT_MODULE + "\" (no file system, clock or network unless a capability grants it)");
            }
            if (!host.type().equals(imp.funcType())) {
                return new AbiViolationException(extensionId, jobName, who + " imports " + name + " with type "
                        + imp.funcType() + ", but ABI v1 defines it as " + host.type());
            }
            if (host.capability() != null && !capabilities.contains(host.capability())) {
                return new InvalidExtensionException(extensionId, jobName, who + " imports " + name
                        + ", which needs capability '" + host.capability().wireName()
                        + "'; the descriptor must request it in \"capabilities\" and the application must grant it");
            }
        }
        if (w.memories().isEmpty()) {
            return new AbiViolationException(extensionId, jobName, who + " defines no memory; ABI v1 requires an exported "
                    + "memory named \"" + Abi.EXPORT_MEMORY + "\" with a declared maximum");
        }
        long capBytes = (long) maxMemoryPages * 65536;
        for (Memory m : w.memories()) {
            if (m.memory64()) {
                return new MemoryLimitException(extensionId, jobName, who + " declares a 64-bit memory; only 32-bit "
                        + "memories are supported");
            }
            if (m.shared()) {
                return new MemoryLimitException(extensionId, jobName, who + " declares a shared memory; shared "
                        + "memories (threads) are not supported");
            }
            if (m.maxPages() < 0) {
                return new MemoryLimitException(extensionId, jobName, who + " declares a memory with no maximum; "
                        + "Stint requires a maximum of at most " + maxMemoryPages + " pages (" + mib(capBytes) + ")");
            }
            if (m.maxPages() > maxMemoryPages) {
                return new MemoryLimitException(extensionId, jobName, who + " declares a memory maximum of "
                        + m.maxPages() + " pages (" + mib(m.maxPages() * 65536) + "), over the cap of " + maxMemoryPages
                        + " pages (" + mib(capBytes) + ")");
            }
        }
        String over = allocations(w, limits);
        if (over != null) {
            return new ModuleLimitException(extensionId, jobName, who + " " + over);
        }
        Export memory = w.export(Abi.EXPORT_MEMORY).orElse(null);
        if (memory == null || memory.kind() != WasmBinary.KIND_MEMORY) {
            return new AbiViolationException(extensionId, jobName, who + " does not export its memory as \""
                    + Abi.EXPORT_MEMORY + "\", required by ABI v1");
        }
        for (Map.Entry<String, FuncType> required : Abi.REQUIRED_FUNCTIONS.entrySet()) {
            Export e = w.export(required.getKey()).orElse(null);
            if (e == null || e.kind() != WasmBinary.KIND_FUNC) {
                return new AbiViolationException(extensionId, jobName, who + " does not export function "
                        + required.getKey() + " " + required.getValue() + ", required by ABI v1 (exports: memory, "
                        + String.join(", ", Abi.REQUIRED_FUNCTIONS.keySet()) + ")");
            }
            if (!e.funcType().equals(required.getValue())) {
                return new AbiViolationException(extensionId, jobName, who + " exports " + required.getKey()
                        + " with type " + e.funcType() + ", but ABI v1 requires " + required.getValue());
            }
        }
        return null;
    }

    /** What the module declares over the limits (tables, globals, segments), or null. */
    private static String allocations(WasmBinary w, WasmLimits limits) {
        List<Table> tables = w.tables();
        if (tables.size() > limits.maxTables()) {
            return "declares " + tables.size() + " tables, over the limit of " + limits.maxTables()
                    + " (WasmLimits.maxTables): use fewer tables, or the application raises the limit with "
                    + "WasmLimits.withMaxTables";
        }
        long elements = 0;
        for (int i = 0; i < tables.size(); i++) {
            Table t = tables.get(i);
            if (t.max() < 0) {
                return "declares table " + i + " with no maximum size; Stint requires every table to declare one "
                        + "(table.grow can then never pass it): declare a maximum, at most "
                        + limits.maxTableElements() + " elements for all tables together (WasmLimits.maxTableElements)";
            }
            elements += t.max();
        }
        if (elements > limits.maxTableElements()) {
            return "declares tables of " + elements + " elements in all (the sum of their maxima), over the limit of "
                    + limits.maxTableElements() + " (WasmLimits.maxTableElements): lower the tables' maxima, or the "
                    + "application raises the limit with WasmLimits.withMaxTableElements";
        }
        if (w.globals() > limits.maxGlobals()) {
            return "defines " + w.globals() + " globals, over the limit of " + limits.maxGlobals()
                    + " (WasmLimits.maxGlobals): use fewer globals, or the application raises the limit with "
                    + "WasmLimits.withMaxGlobals";
        }
        if (w.elementSegments() > limits.maxElementSegments()) {
            return "has " + w.elementSegments() + " element segments, over the limit of " + limits.maxElementSegments()
                    + " (WasmLimits.maxElementSegments): merge them, or the application raises the limit with "
                    + "WasmLimits.withMaxElementSegments";
        }
        if (w.elementEntries() > limits.maxTableElements()) {
            return "has element segments of " + w.elementEntries() + " entries in all, over the limit of "
                    + limits.maxTableElements() + " (WasmLimits.maxTableElements, which bounds what tables can hold): "
                    + "shrink the segments, or the application raises the limit with WasmLimits.withMaxTableElements";
        }
        if (w.dataSegments() > limits.maxDataSegments()) {
            return "has " + w.dataSegments() + " data segments, over the limit of " + limits.maxDataSegments()
                    + " (WasmLimits.maxDataSegments): merge them, or the application raises the limit with "
                    + "WasmLimits.withMaxDataSegments";
        }
        long memoryBytes = 0;
        for (Memory m : w.memories()) {
            memoryBytes += m.maxPages() * 65536;
        }
        if (w.dataBytes() > memoryBytes) {
            return "has data segments of " + w.dataBytes() + " bytes in all, more than its memory maximum of "
                    + memoryBytes + " bytes can hold: shrink the data, or declare a larger memory maximum (at most "
                    + limits.maxMemoryPages() + " pages, WasmLimits.maxMemoryPages)";
        }
        return null;
    }

    private static String mib(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }
}
