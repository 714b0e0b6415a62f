package dev.stint.wasm;

import java.time.Duration;
import java.util.Objects;

/**
 * What an extension job may use, set by the application when it discovers extensions. Each value is both
 * the default and the cap: a descriptor may ask for a lower wall time, state or output size for its jobs
 * (never a higher one: such an extension is rejected), and a module's memory must declare a maximum of at
 * most {@link #maxMemoryPages()}.
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
 */
public record WasmLimits(
        int maxMemoryPages, Duration wallTime, int maxStateBytes, int maxOutputBytes, int maxArgumentBytes,
        Duration stopGrace) {

    /** The largest number of pages a 32-bit memory can have. */
    public static final int MAX_PAGES = 65536;

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
    }

    /** 16 MiB of memory, 30 minutes per run, 1 MiB of state, 1 MiB of output, 64 KiB of arguments, 2 s grace. */
    public static WasmLimits defaults() {
        return new WasmLimits(256, Duration.ofMinutes(30), 1 << 20, 1 << 20, 64 << 10, Duration.ofSeconds(2));
    }

    /** A copy with another memory cap, in 64 KiB pages. */
    public WasmLimits withMaxMemoryPages(int pages) {
        return new WasmLimits(pages, wallTime, maxStateBytes, maxOutputBytes, maxArgumentBytes, stopGrace);
    }

    /** A copy with another wall-time limit per run. */
    public WasmLimits withWallTime(Duration time) {
        return new WasmLimits(maxMemoryPages, time, maxStateBytes, maxOutputBytes, maxArgumentBytes, stopGrace);
    }

    /** A copy with another state size cap. */
    public WasmLimits withMaxStateBytes(int bytes) {
        return new WasmLimits(maxMemoryPages, wallTime, bytes, maxOutputBytes, maxArgumentBytes, stopGrace);
    }

    /** A copy with another output size cap. */
    public WasmLimits withMaxOutputBytes(int bytes) {
        return new WasmLimits(maxMemoryPages, wallTime, maxStateBytes, bytes, maxArgumentBytes, stopGrace);
    }

    /** A copy with another arguments size cap. */
    public WasmLimits withMaxArgumentBytes(int bytes) {
        return new WasmLimits(maxMemoryPages, wallTime, maxStateBytes, maxOutputBytes, bytes, stopGrace);
    }

    /** A copy with another grace period for stopping a module that does not check for interruption. */
    public WasmLimits withStopGrace(Duration grace) {
        return new WasmLimits(maxMemoryPages, wallTime, maxStateBytes, maxOutputBytes, maxArgumentBytes, grace);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
    }
}
