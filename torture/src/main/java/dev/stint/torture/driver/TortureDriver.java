package dev.stint.torture.driver;

import dev.stint.torture.KillMode;
import dev.stint.torture.check.ControlRecord;
import dev.stint.torture.check.InvariantChecker;
import dev.stint.torture.check.Violation;
import dev.stint.torture.worker.WorkerArgs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The torture driver: for each kill point, starts a worker JVM on one library, lets it run the mixed
 * workload, kills it with SIGKILL ({@link KillRound}), and checks the invariants on what is left
 * ({@link InvariantChecker}) before the next worker reopens the library. At the end a last worker drains
 * the library without being killed, and the final check runs.
 *
 * <pre>
 * java -cp ... dev.stint.torture.driver.TortureDriver --kills 1000 [--seed N] [--wasm true] [--dir DIR]
 * </pre>
 *
 * Each round's plan (kill mode, workload, delays, control commands) derives from the master seed and the
 * round number, so a seed replays the same plan; thread timing still differs between runs.
 */
public final class TortureDriver {
    private static final Logger LOG = LoggerFactory.getLogger(TortureDriver.class);
    /** How long the final drain may take. */
    static final long DRAIN_TIMEOUT_MINUTES = 6;

    private final TortureConfig config;
    private final ControlRecord controlRecord = new ControlRecord();
    private final ControlPlanner control = new ControlPlanner(controlRecord);

    private TortureDriver(TortureConfig config) {
        this.config = config;
    }

    /** Runs a torture run and returns its report; violations are in the report, not thrown. */
    public static TortureReport run(TortureConfig config) throws IOException, SQLException, InterruptedException {
        return new TortureDriver(config).run();
    }

    private TortureReport run() throws IOException, SQLException, InterruptedException {
        long start = System.nanoTime();
        Files.createDirectories(config.dir().resolve("logs"));
        Files.createDirectories(config.dir().resolve("side"));
        LOG.info("torture run: seed {}, {} kill points, wasm {}, in {}", config.seed(), config.kills(), config.wasm(),
                config.dir());
        InvariantChecker checker = new InvariantChecker(config.library(), config.dir().resolve("side"),
                config.dir().resolve("dispatch.log"), controlRecord);
        KillRound kills = new KillRound(config.library(), config.dir(), config.wasm(), control);
        List<RoundResult> rounds = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (int round = 1; round <= config.kills() && violations.size() < config.maxViolations(); round++) {
            RoundResult result = kills.run(round, roundRandom(round), checker.active());
            rounds.add(result);
            if (result.problem() != null) {
                violations.add(new Violation(round, "harness", result.problem()));
            }
            List<Violation> found = checker.afterKill(round);
            found.forEach(v -> LOG.error("seed {}: {}", config.seed(), v));
            violations.addAll(found);
            if (round % 10 == 0) {
                LOG.info("kill {} of {}: {} active, {} in history, {} violations", round, config.kills(),
                        checker.tally().active(), checker.tally().history(), violations.size());
            }
        }
        violations.addAll(drain(config.kills() + 1));
        List<Violation> last = checker.atEnd();
        last.forEach(v -> LOG.error("seed {}: {}", config.seed(), v));
        violations.addAll(last);
        return new TortureReport(config, rounds, checker.tally(), control.pauses(), control.resumes(),
                controlRecord.cancels(), controlRecord.queuePauses(), controlRecord.queueResumes(), violations, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The final, unkilled worker: resumes paused jobs and runs until nothing is active. */
    private List<Violation> drain(int round) throws IOException, InterruptedException {
        WorkerArgs args = new WorkerArgs(config.library(), config.dir(), round, 0, 0, KillMode.RANDOM, 0, config.wasm(),
                true, true);
        try (WorkerProcess worker = WorkerProcess.start(args, config.dir().resolve("logs").resolve("worker-drain.log"))) {
            String line = worker.awaitLine("DRAINED", TimeUnit.MINUTES.toNanos(DRAIN_TIMEOUT_MINUTES));
            Integer code = worker.awaitExit(30, TimeUnit.SECONDS);
            if (line == null || line.equals(WorkerProcess.EOF) || code == null || code != 0) {
                return List.of(new Violation(-1, "harness", "the final drain did not finish cleanly (" + line
                        + ", exit code " + code + ", see logs/worker-drain.log)"));
            }
            return List.of();
        }
    }

    /** Each round's random source depends only on the master seed and the round number. */
    private Random roundRandom(int round) {
        return new Random(config.seed() * 0x9E3779B97F4A7C15L + round);
    }

    /** {@code --kills N --seed N|random --wasm true|false --dir DIR}; exits 1 if any invariant broke. */
    public static void main(String[] argv) throws Exception {
        int kills = 50;
        String seed = "random";
        boolean wasm = false;
        Path dir = null;
        for (int i = 0; i + 1 < argv.length; i += 2) {
            switch (argv[i]) {
                case "--kills" -> kills = Integer.parseInt(argv[i + 1]);
                case "--seed" -> seed = argv[i + 1];
                case "--wasm" -> wasm = Boolean.parseBoolean(argv[i + 1]);
                case "--dir" -> dir = Path.of(argv[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + argv[i]
                        + " (use --kills N --seed N|random --wasm true|false --dir DIR)");
            }
        }
        long s = parseSeed(seed);
        Path work = dir != null ? dir : Files.createTempDirectory("stint-torture-" + s + "-");
        TortureReport report = run(new TortureConfig(kills, s, wasm, work, 20));
        System.out.print(report.summary());
        System.exit(report.violations().isEmpty() ? 0 : 1);
    }

    /** A seed from its text, or a fresh one for {@code random}. */
    public static long parseSeed(String text) {
        return text == null || text.isBlank() || text.equals("random") ? ThreadLocalRandom.current().nextLong(1L << 48)
                : Long.parseLong(text);
    }
}
