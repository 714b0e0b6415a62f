package dev.stint.torture.driver;

import java.nio.file.Path;

/**
 * A torture run's settings.
 *
 * @param kills how many kill points (worker JVMs killed with SIGKILL)
 * @param seed the master seed: the workload, kill modes, delays and control commands derive from it
 * @param wasm whether WASM jobs ({@code demo-wasm:count}) are in the workload
 * @param dir the work folder (created; the library is {@code dir/library})
 * @param maxViolations stop early after this many violations
 */
public record TortureConfig(int kills, long seed, boolean wasm, Path dir, int maxViolations) {

    /** The library folder. */
    public Path library() {
        return dir.resolve("library");
    }
}
