package dev.stint.torture.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What {@code jobs.db} showed committed after each kill: the latest checkpoint's count of each active
 * counting job, and the round in which each step (or batch chunk, or spawn) was first seen committed.
 * A side-file line written in a later round than a snapshot must respect what that snapshot showed
 * committed: no item at or below the committed count is processed again, no committed step runs again.
 */
public final class CommitLedger {
    private final Map<String, NavigableMap<Integer, Long>> checkpointCounts = new HashMap<>();
    private final Map<String, Map<String, Integer>> stepRounds = new HashMap<>();

    /** Records the snapshot taken after kill {@code round}; reports commits that went back or vanished. */
    void record(int round, DbSnapshot snapshot, List<Violation> out) {
        for (StoredJob job : snapshot.jobs()) {
            if (job.inHistory()) {
                continue;
            }
            if (job.checkpointCount() >= 0) {
                NavigableMap<Integer, Long> counts = checkpointCounts.computeIfAbsent(job.id(), k -> new TreeMap<>());
                Map.Entry<Integer, Long> last = counts.lastEntry();
                if (last != null && last.getValue() > job.checkpointCount()) {
                    out.add(new Violation(round, "committed checkpoint went back", job.id() + ": count "
                            + last.getValue() + " committed by kill " + last.getKey() + ", now " + job.checkpointCount()));
                }
                counts.put(round, job.checkpointCount());
            }
            Map<String, Integer> steps = stepRounds.computeIfAbsent(job.id(), k -> new HashMap<>());
            for (String step : steps.keySet()) {
                if (!job.steps().contains(step)) {
                    out.add(new Violation(round, "committed step lost", job.id() + ": step " + step
                            + " committed by kill " + steps.get(step) + " is no longer in job_steps"));
                }
            }
            for (String step : job.steps()) {
                steps.putIfAbsent(step, round);
            }
        }
    }

    /** The highest count committed by a kill before {@code lineRound} (0 if none). */
    long checkpointFloor(String jobId, int lineRound) {
        NavigableMap<Integer, Long> counts = checkpointCounts.get(jobId);
        Map.Entry<Integer, Long> e = counts == null ? null : counts.lowerEntry(lineRound);
        return e == null ? 0 : e.getValue();
    }

    /** The kill after which the step was first seen committed, or null. */
    Integer stepCommittedBy(String jobId, String step) {
        Map<String, Integer> steps = stepRounds.get(jobId);
        return steps == null ? null : steps.get(step);
    }
}
