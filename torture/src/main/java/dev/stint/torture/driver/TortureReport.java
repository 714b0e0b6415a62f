package dev.stint.torture.driver;

import dev.stint.torture.KillMode;
import dev.stint.torture.check.Tally;
import dev.stint.torture.check.Violation;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a torture run: kill points by mode (planned and landed where planned), jobs, control
 * commands, violations, wall time, seed and machine.
 *
 * @param config the run's settings
 * @param rounds every kill point
 * @param tally the final counts of jobs
 * @param pauses pause commands sent
 * @param resumes resume commands sent
 * @param cancels cancel commands sent
 * @param queuePauses queue pause commands sent
 * @param queueResumes queue resume commands sent
 * @param violations every broken invariant and harness problem (must be empty)
 * @param wall the run's wall time
 */
public record TortureReport(TortureConfig config, List<RoundResult> rounds, Tally tally, int pauses, int resumes,
        int cancels, int queuePauses, int queueResumes, List<Violation> violations, Duration wall) {

    /** Kill points made. */
    public int kills() {
        return rounds.size();
    }

    /** A multi-line summary for the console and the docs. */
    public String summary() {
        Map<KillMode, int[]> byMode = new EnumMap<>(KillMode.class);
        for (RoundResult r : rounds) {
            int[] c = byMode.computeIfAbsent(r.mode(), k -> new int[2]);
            c[0]++;
            c[1] += r.hit() ? 1 : 0;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Stint torture run: seed ").append(config.seed()).append(", ").append(kills()).append(" kill points")
                .append(config.wasm() ? ", WASM jobs included" : ", no WASM jobs").append('\n');
        sb.append("  kill points by mode (planned / landed as planned):\n");
        byMode.forEach((mode, c) -> sb.append("    ").append(mode).append(": ").append(c[0]).append(" / ")
                .append(c[1]).append('\n'));
        sb.append("  rounds opened with powerSafe(true) (synchronous=FULL): ")
                .append(rounds.stream().filter(RoundResult::powerSafe).count()).append(", powerSafe(false) (NORMAL): ")
                .append(rounds.stream().filter(r -> !r.powerSafe()).count()).append('\n');
        sb.append("  kills before the library reported open: ")
                .append(rounds.stream().filter(RoundResult::beforeReady).count()).append('\n');
        sb.append("  dispatches: ").append(tally.intents()).append(" attempted, ").append(tally.acknowledged())
                .append(" acknowledged before a kill; jobs stored: ").append(tally.topLevelJobs())
                .append(" dispatched + ").append(tally.children()).append(" children\n");
        sb.append("  history: ").append(tally.history()).append(" (").append(tally.completed()).append(" completed, ")
                .append(tally.cancelled()).append(" cancelled, ").append(tally.failed()).append(" failed); active: ")
                .append(tally.active()).append('\n');
        sb.append("  control: ").append(pauses).append(" pauses, ").append(resumes).append(" resumes, ").append(cancels)
                .append(" cancels, ").append(queuePauses).append(" queue pauses, ").append(queueResumes)
                .append(" queue resumes\n");
        sb.append("  invariant violations: ").append(violations.size()).append('\n');
        for (Violation v : violations) {
            sb.append("    ").append(v).append('\n');
        }
        sb.append("  wall time: ").append(wall.toSeconds()).append(" s; machine: ").append(machine()).append('\n');
        sb.append("  work folder: ").append(config.dir()).append('\n');
        if (!violations.isEmpty()) {
            sb.append("  replay with seed ").append(config.seed()).append(" (-Dtorture.seed=").append(config.seed())
                    .append(")\n");
        }
        return sb.toString();
    }

    /** Processors, OS and JVM of this machine. */
    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " processors, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + ")";
    }
}
