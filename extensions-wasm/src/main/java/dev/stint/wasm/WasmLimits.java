package dev.stint.wasm;

import java.time.Duration;
import java.util.Objects;

/**
 * What an extension job may use, set by the application when it discovers extensions. Each value is both
 * the default and the cap: a descriptor may ask for a lower wall time, state or output size for its jobs
 * (never a higher one: such an extension is rejected), and a module's memory must declare a maximum of at
 * most {@link #maxMemoryPages()}.
 *
 * <p>Everything a module can make the host allocate is bounded before it runs: its memory and tables must
 * declare maxima (so neither {@code memory.grow} nor {@code table.grow} can go past them), and its tables,
 * table elements, globals, element segments and data segments are counted from the binary at discovery. A
 * module over one of these limits is refused ({@link MemoryLimitException}, {@link ModuleLimitException}).
 * At most {@link #maxInstances()} instances run at once, so the heap all extension runs can take together is
 * bounded too (the figures are in {@code docs/extensions.md}, "Limits").
 *
 * <pre>{@code
 * WasmLimits limits = WasmLimits.defaults().withWallTime(Duration.ofMinutes(5)).withMaxStateBytes(64 * 1024);
 * }</pre>
 *
 * @param maxMemoryPages the largest memory maximum a module may declare, in 64 KiB pages (1..65536;
 *     default 256, 16 MiB)
 * @param wallTime the longest one run of a job may take (default 30 minutes); a run that takes longer is
 *     stopped by a watchdog and fails with {@link WallTimeExceededException}. Each resumption is a new run
 * @param maxStateBytes the largest checkpoint a job may store (default 1 MiB)
 * @param maxOutputBytes the largest output a job may set (default 1 MiB)
 * @param maxArgumentBytes the largest JSON arguments a dispatch may pass (default 64 KiB)
 * @param stopGrace how long a running module has to return after a pause, cancel or shutdown was asked
 *     before the watchdog stops it (default 2 s); a job stopped so is recorded as paused, cancelled or
 *     queued as asked, with its last checkpointed state
 * @param maxTables how many tables a module may define (0..{@value #MAX_COUNT}; default 8). Every table must
 *     declare a maximum size, as memory must
 * @param maxTableElements the most elements all of a module's tables may hold together: the sum of their
 *     declared maxima, which bounds {@code table.grow} (0..{@value #MAX_TABLE_ELEMENTS}; default 65,536,
 *     at most 512 KiB of references). Element segments may hold at most this many entries in all, too
 * @param maxGlobals how many globals a module may define (0..{@value #MAX_COUNT}; default 1,024)
 * @param maxElementSegments how many element segments a module may have (0..{@value #MAX_COUNT}; default
 *     1,024)
 * @param maxDataSegments how many data segments a module may have (0..{@value #MAX_COUNT}; default 1,024);
 *     their bytes together may not exceed the module's declared memory maximum
 * @param maxInstances how many module instances the jobs of one discovery ({@link WasmExtensions}) may have
 *     alive at once (1..{@value #MAX_COUNT}; default 4); a run that would exceed it waits, still answering
 *     pause, cancel and shutdown, until another run's instance is closed
 */
public record WasmLimits(
        int maxMemoryPages, Duration wallTime, int maxStateBytes, int maxOutputBytes, int maxArgumentBytes,
        Duration stopGrace, int maxTables, int maxTableElements, int maxGlobals, int maxElementSegments,
        int maxDataSegments, int maxInstances) {

    /** The largest number of pages a 32-bit memory can have. */
    public static final int MAX_PAGES = 65536;
    /** The largest {@link #maxTableElements()} an application may set (ten million, GraalWasm's own bound for JS). */
    public static final int MAX_TABLE_ELEMENTS = 10_000_000;
    /** The largest count limit ({@link #maxTables()}, {@link #maxGlobals()}, segments, instances) an application may set. */
    public static final int MAX_COUNT = 100_000;

    /** Validates every value, naming the one that is wrong. */
    public WasmLimits {
        if (maxMemoryPages < 1 || maxMemoryPages > MAX_PAGES) {
            throw new IllegalArgumentException("maxMemoryPages must be 1.." + MAX_PAGES + ", was " + maxMemoryPages);
        }
        positive(wallTime, "wallTime");
        if (maxStateBytes < 0) {
            throw new IllegalArgumentException("maxStateBytes must be >= 0, was " + maxStateBytes);
        }
        if (maxOutputBytes < 0) {
            throw new IllegalArgumentException("maxOutputBytes must be >= 0, was " + maxOutputBytes);
        }
        if (maxArgumentBytes < 2) {
            throw new IllegalArgumentException("maxArgumentBytes must be >= 2 (room for {}), was " + maxArgumentBytes);
        }
        positive(stopGrace, "stopGrace");
        within(maxTables, 0, MAX_COUNT, "maxTables");
        within(maxTableElements, 0, MAX_TABLE_ELEMENTS, "maxTableElements");
        within(maxGlobals, 0, MAX_COUNT, "maxGlobals");
        within(maxElementSegments, 0, MAX_COUNT, "maxElementSegments");
        within(maxDataSegments, 0, MAX_COUNT, "maxDataSegments");
        within(maxInstances, 1, MAX_COUNT, "maxInstances");
    }

    /**
     * 16 MiB of memory, 30 minutes per run, 1 MiB of state, 1 MiB of output, 64 KiB of arguments, 2 s grace,
     * 8 tables of 65,536 elements in all, 1,024 globals, 1,024 element and 1,024 data segments, 4 instances
     * at once.
     */
    public static WasmLimits defaults() {
        return new WasmLimits(256, Duration.ofMinutes(30), 1 << 20, 1 << 20, 64 << 10, Duration.ofSeconds(2),
                8, 1 << 16, 1024, 1024, 1024, 4);
    }

    /** A copy with another memory cap, in 64 KiB pages. */
    public WasmLimits withMaxMemoryPages(int pages) {
        return new WasmLimits(pages, wallTime, maxStateBytes, maxOutputBytes, maxArgumentBytes, stopGrace,
                maxTables, maxTableElements, maxGlobals, maxElementSegments, maxDataSegments, maxInstances);
    }

    /** A copy with another wall-time limit per run. */
    public WasmLimits withWallTime(Duration time) {
        return new WasmLimits(maxMemoryPages, time, maxStateBytes, maxOutputBytes, maxArgumentBytes, stopGrace,
                maxTables, maxTableElements, maxGlobals, maxElementSegments, maxDataSegments, maxInstances);
    }

    /** A copy with another state size cap. */
    public WasmLimits withMaxStateBytes(int bytes) {
        return new WasmLimits(maxMemoryPages, wallTime, bytes, maxOutputBytes, maxArgumentBytes, stopGrace,
                maxTables, maxTableElements, maxGlobals, maxElementSegments, maxDataSegments, maxInstances);
    }

    /** A copy with another output size cap. */
    public WasmLimits withMaxOutputBytes(int bytes) {
        return new WasmLimits(maxMemoryPages, wallTime, maxStateBytes, bytes, maxArgumentBytes, stopGrace,
                maxTables, maxTableElements, maxGlobals, maxElementSegments, maxDataSegments, maxInstances);
    }

    /** A copy with another arguments size cap. */
    public WasmLimits withMaxArgumentBytes(int bytes) {
        return new WasmLimits(maxMemoryPages, wallTime, maxStateBytes, maxOutputBytes, bytes, stopGrace,
                maxTables, maxTableElements, maxGlobals, maxElementSegments, maxDataSegments, maxInstances);
    }

    /** A copy with another grace period for stopping a module that does not check for interruption. */
    public WasmLimits withStopGrace(Duration grace) {
        return new WasmLimits(maxMemoryPages, wallTime, maxStateBytes, maxOutputBytes, maxArgumentBytes, grace,
                maxTables, maxTableElements, maxGlobals, maxElementSegments, maxDataSegments, maxInstances);
    }

    /** A copy with another cap on the number of tables a module may define. */
    public WasmLimits withMaxTables(int tables) {
        return new WasmLimits(maxMemoryPages, wallTime, maxStateBytes, maxOutputBytes, maxArgumentBytes, stopGrace,
                tables, maxTableElements, maxGlobals, maxElementSegments, maxDataSegments, maxInstances);
    }

    /** A copy with another cap on the elements all of a module's tables may hold (the sum of their maxima). */
    public WasmLimits withMaxTableElements(int elements) {
        return new WasmLimits(maxMemoryPages, wallTime, maxStateBytes, maxOutputBytes, maxArgumentBytes, stopGrace,
                maxTables, elements, maxGlobals, maxElementSegments, maxDataSegments, maxInstances);
    }

    /** A copy with another cap on the number of globals a module may define. */
    public WasmLimits withMaxGlobals(int globals) {
        return new WasmLimits(maxMemoryPages, wallTime, maxStateBytes, maxOutputBytes, maxArgumentBytes, stopGrace,
                maxTables, maxTableElements, globals, maxElementSegments, maxDataSegments, maxInstances);
    }

    /** A copy with another cap on the number of element segments a module may have. */
    public WasmLimits withMaxElementSegments(int segments) {
        return new WasmLimits(maxMemoryPages, wallTime, maxStateBytes, maxOutputBytes, maxArgumentBytes, stopGrace,
                maxTables, maxTableElements, maxGlobals, segments, maxDataSegments, maxInstances);
    }

    /** A copy with another cap on the number of data segments a module may have. */
    public WasmLimits withMaxDataSegments(int segments) {
        return new WasmLimits(maxMemoryPages, wallTime, maxStateBytes, maxOutputBytes, maxArgumentBytes, stopGrace,
                maxTables, maxTableElements, maxGlobals, maxElementSegments, segments, maxInstances);
    }

    /** A copy with another cap on the module instances alive at once. */
    public WasmLimits withMaxInstances(int instances) {
        return new WasmLimits(maxMemoryPages, wallTime, maxStateBytes, maxOutputBytes, maxArgumentBytes, stopGrace,
                maxTables, maxTableElements, maxGlobals, maxElementSegments, maxDataSegments, instances);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
    }

    private static void within(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + value);
        }
    }
}
