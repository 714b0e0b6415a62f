package dev.stint.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.torture.driver.TortureConfig;
import dev.stint.torture.driver.TortureDriver;
import dev.stint.torture.driver.TortureReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs the kill -9 torture harness: {@code torture.kills} kill points (50 in CI, 1,000 for the long run),
 * seed {@code torture.seed} (random unless given; printed), WASM jobs per {@code torture.wasm}
 * ({@code auto}: only in runs of more than 50 kills). The work folder stays in {@code target/torture/}.
 * Any invariant violation fails the test with the seed to replay it.
 */
class TortureTest {

    @Test
    void nothing_is_lost_and_no_committed_work_is_redone_at_random_kill_points() throws Exception {
        int kills = Integer.getInteger("torture.kills", 50);
        long seed = TortureDriver.parseSeed(System.getProperty("torture.seed"));
        String wasmSetting = System.getProperty("torture.wasm", "auto");
        boolean wasm = wasmSetting.equals("auto") ? kills > 50 : Boolean.parseBoolean(wasmSetting);
        Path base = Path.of(System.getProperty("torture.dir", "target/torture"));
        Path dir = Files.createDirectories(base).resolve("seed-" + seed + "-" + System.currentTimeMillis());
        System.out.println("torture: seed " + seed + ", " + kills + " kill points, wasm " + wasm + ", in " + dir);

        TortureReport report = TortureDriver.run(new TortureConfig(kills, seed, wasm, dir, 20));

        System.out.print(report.summary());
        assertThat(report.violations()).as("invariant violations with seed %d (replay: -Dtorture.seed=%d)", seed, seed)
                .isEmpty();
        assertThat(report.kills()).isEqualTo(kills);
        assertThat(report.tally().active()).isZero();
    }
}
