package dev.stint.wasm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An optional group of host functions that an extension may import only when its descriptor requests the
 * capability by name and the application has granted it ({@link WasmExtensions.Builder#grant}). Without
 * any capability a module sees only the ABI's default host functions: progress, checkpoint, interruption
 * check, log, non-critical error and output. There is no file system or network capability.
 */
public enum WasmCapability {
    /**
     * {@code "clock"}: {@code stint.clock_millis() -> i64} (wall clock, milliseconds since the epoch) and
     * {@code stint.monotonic_nanos() -> i64} (a monotonic clock for measuring durations).
     */
    CLOCK("clock"),
    /** {@code "random"}: {@code stint.random_fill(ptr: i32, len: i32)} fills memory with secure random bytes. */
    RANDOM("random");

    private final String wireName;

    WasmCapability(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in descriptors and grants, for example {@code "clock"}. */
    public String wireName() {
        return wireName;
    }

    /** The capability with this descriptor name, if there is one. */
    public static Optional<WasmCapability> byName(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.wireName.equals(n)).findFirst();
    }

    /** All names, comma-separated, for messages. */
    public static String knownNames() {
        return Arrays.stream(values()).map(WasmCapability::wireName).collect(Collectors.joining(", "));
    }
}
