package dev.stint.torture.check;

import dev.stint.torture.jobs.BatchJob;
import dev.stint.torture.jobs.SideLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exactly-once checks on a job's side file, against what {@code jobs.db} showed committed after each
 * kill ({@link CommitLedger}) and what the job itself logged as committed ({@code C} lines):
 * <ul>
 * <li>counting jobs: no run resumes below, and no item at or below, a committed checkpoint;</li>
 * <li>steps and batch chunks: a body never starts again once a later one started, never twice in one
 * round (one process lifetime), never in a round after a kill that left it committed;</li>
 * <li>completed jobs: every item, step and chunk ran (at least once).</li>
 * </ul>
 */
final class SideFileInvariants {
    private final Path sideDir;
    private final CommitLedger ledger;

    SideFileInvariants(Path sideDir, CommitLedger ledger) {
        this.sideDir = sideDir;
        this.ledger = ledger;
    }

    /** What the side file says about the job's last run, for the output check. */
    record Summary(long lastResumedFrom, int maxAttempt) {
    }

    Summary check(int round, StoredJob job, Expectation exp, List<Violation> out) throws IOException {
        List<SideLines.Line> lines = SideLines.read(SideLog.fileOf(sideDir, job.id()));
        boolean completed = job.inHistory() && job.status().equals("completed");
        return switch (exp.kind()) {
            case STEPS -> {
                checkSteps(round, job, lines, 'S', "s", exp.spec().num("steps"), 1, completed, out);
                yield new Summary(0, 0);
            }
            case BATCH -> {
                long chunks = (exp.spec().num("items") + exp.spec().num("chunk") - 1) / exp.spec().num("chunk");
                checkSteps(round, job, lines, 'B', BatchJob.BATCH + "#", chunks, 0, completed, out);
                checkAllItems(round, job, lines, exp.spec().num("items"), completed, out);
                yield new Summary(0, 0);
            }
            case TREE, WASM -> new Summary(0, 0);
            default -> checkCount(round, job, lines, exp.countTo(), completed, out);
        };
    }

    private Summary checkCount(int round, StoredJob job, List<SideLines.Line> lines, long to, boolean completed,
            List<Violation> out) {
        long logged = 0;
        long lastResumedFrom = -1;
        int maxAttempt = 0;
        for (SideLines.Line line : lines) {
            long floor = Math.max(logged, ledger.checkpointFloor(job.id(), line.round()));
            switch (line.tag()) {
                case 'R' -> {
                    if (line.value() < floor) {
                        out.add(new Violation(round, "resumed before a committed checkpoint", job.id() + ": run of round "
                                + line.round() + " started at " + line.value() + ", checkpoint " + floor + " was committed"));
                    }
                    lastResumedFrom = line.value();
                }
                case 'A' -> {
                    if (line.value() < maxAttempt) {
                        out.add(new Violation(round, "attempt number went back", job.id() + ": attempt " + line.value()
                                + " after attempt " + maxAttempt));
                    }
                    maxAttempt = (int) Math.max(maxAttempt, line.value());
                }
                case 'I' -> {
                    if (line.value() <= floor) {
                        out.add(new Violation(round, "committed item processed again", job.id() + ": item "
                                + line.value() + " in round " + line.round() + ", checkpoint " + floor + " was committed"));
                    }
                }
                case 'C' -> logged = Math.max(logged, line.value());
                default -> out.add(new Violation(round, "unexpected side line", job.id() + ": " + line));
            }
        }
        checkAllItems(round, job, lines, to, completed, out);
        return new Summary(lastResumedFrom, maxAttempt);
    }

    private void checkAllItems(int round, StoredJob job, List<SideLines.Line> lines, long items, boolean completed,
            List<Violation> out) {
        if (!completed) {
            return;
        }
        BitSet seen = new BitSet();
        for (SideLines.Line line : lines) {
            if (line.tag() == 'I') {
                seen.set((int) line.value());
            }
        }
        int missing = seen.nextClearBit(1);
        if (missing <= items) {
            out.add(new Violation(round, "completed job skipped an item", job.id() + ": item " + missing + " of " + items
                    + " was never processed"));
        }
    }

    /** Steps (tag S, names s1..sN) or batch chunks (tag B, names items#0..): bodies in order, each once. */
    private void checkSteps(int round, StoredJob job, List<SideLines.Line> lines, char tag, String prefix, long count,
            int first, boolean completed, List<Violation> out) {
        long maxStarted = -1;
        Map<Integer, Set<Long>> startedPerRound = new HashMap<>();
        Set<Long> started = new HashSet<>();
        for (SideLines.Line line : lines) {
            if (line.tag() != tag) {
                continue;
            }
            long i = line.value();
            String step = prefix + i;
            if (i < maxStarted) {
                out.add(new Violation(round, "step ran after a later step", job.id() + ": " + step + " in round "
                        + line.round() + " after " + prefix + maxStarted + " had started"));
            }
            if (!startedPerRound.computeIfAbsent(line.round(), k -> new HashSet<>()).add(i)) {
                out.add(new Violation(round, "step ran twice in one process", job.id() + ": " + step + " in round "
                        + line.round()));
            }
            Integer committedBy = ledger.stepCommittedBy(job.id(), step);
            if (committedBy != null && line.round() > committedBy) {
                out.add(new Violation(round, "committed step ran again", job.id() + ": " + step + " ran in round "
                        + line.round() + ", committed by kill " + committedBy));
            }
            maxStarted = Math.max(maxStarted, i);
            started.add(i);
        }
        if (completed) {
            for (long i = first; i < first + count; i++) {
                if (!started.contains(i)) {
                    out.add(new Violation(round, "completed job skipped a step", job.id() + ": " + prefix + i + " never ran"));
                    break;
                }
            }
        }
    }
}
