package dev.stint.torture.check;

import dev.stint.torture.JobSpec;
import dev.stint.torture.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The invariants {@code jobs.db} alone must satisfy after any kill: sound file; every job in exactly one of
 * {@code jobs} and {@code job_history}, and in history at most once; every acknowledged dispatch stored,
 * every dispatch stored whole or not at all (a group all or none), nothing stored that was not dispatched;
 * children exactly as many as spawned once the spawn committed, never more; a completed parent's children
 * all completed; a delayed job never started before its delay.
 */
final class DbInvariants {
    private DbInvariants() {
    }

    static void check(int round, DbSnapshot snap, DispatchRecord dispatches, List<Violation> out) {
        if (!snap.integrity().equals("ok")) {
            out.add(new Violation(round, "integrity_check", snap.integrity()));
        }
        for (String id : snap.historyDuplicates()) {
            out.add(new Violation(round, "in history twice", id));
        }
        Map<String, List<StoredJob>> byId = new HashMap<>();
        Map<String, List<StoredJob>> byToken = new HashMap<>();
        Map<String, List<StoredJob>> byParent = new HashMap<>();
        for (StoredJob job : snap.jobs()) {
            byId.computeIfAbsent(job.id(), k -> new ArrayList<>()).add(job);
            if (job.initiator() != null) {
                byToken.computeIfAbsent(job.initiator(), k -> new ArrayList<>()).add(job);
            }
            if (job.parentId() != null) {
                byParent.computeIfAbsent(job.parentId(), k -> new ArrayList<>()).add(job);
            }
        }
        for (Map.Entry<String, List<StoredJob>> e : byId.entrySet()) {
            if (e.getValue().size() > 1) {
                out.add(new Violation(round, "job both active and in history", e.getKey()));
            }
        }
        checkDispatches(round, dispatches, byId, byToken, out);
        for (StoredJob job : snap.jobs()) {
            if (job.parentId() == null && (job.initiator() == null || !dispatches.intents().containsKey(job.initiator()))) {
                out.add(new Violation(round, "job stored that nobody dispatched", job.id() + " " + job.name()
                        + " initiator " + job.initiator()));
            }
            if (job.parentId() != null && !byId.containsKey(job.parentId())) {
                out.add(new Violation(round, "child without its parent", job.id() + " parent " + job.parentId()));
            }
            JobSpec spec = job.initiator() == null ? null : dispatches.intents().get(job.initiator());
            if (spec != null && spec.kind() == Kind.TREE) {
                checkChildren(round, job, spec, byParent.getOrDefault(job.id(), List.of()), out);
            }
            if (spec != null && spec.kind() == Kind.DELAYED && job.startedAt() != null
                    && job.startedAt() < job.createdAt() + spec.num("delay")) {
                out.add(new Violation(round, "delayed job started early", job.id() + " started "
                        + (job.startedAt() - job.createdAt()) + " ms after dispatch, delay " + spec.num("delay") + " ms"));
            }
        }
    }

    private static void checkDispatches(int round, DispatchRecord dispatches, Map<String, List<StoredJob>> byId,
            Map<String, List<StoredJob>> byToken, List<Violation> out) {
        for (JobSpec spec : dispatches.intents().values()) {
            List<StoredJob> stored = byToken.getOrDefault(spec.token(), List.of());
            if (!stored.isEmpty() && stored.size() != spec.jobsStored()) {
                out.add(new Violation(round, "dispatch stored partly or twice", spec.token() + ": " + stored.size()
                        + " jobs stored, expected " + spec.jobsStored()));
            }
            List<String> acked = dispatches.acks().get(spec.token());
            if (acked == null) {
                continue;
            }
            for (String id : acked) {
                if (!byId.containsKey(id)) {
                    out.add(new Violation(round, "acknowledged job lost", spec.token() + " -> " + id));
                }
            }
            Set<String> storedIds = new HashSet<>();
            stored.forEach(j -> storedIds.add(j.id()));
            boolean kept = spec.kind() == Kind.UNIQUE && "KEEP_EXISTING".equals(spec.text("policy")) && stored.isEmpty();
            if (!kept && !storedIds.equals(new HashSet<>(acked))) {
                out.add(new Violation(round, "acknowledged ids differ from stored ids", spec.token() + ": acknowledged "
                        + acked + ", stored " + storedIds));
            }
        }
    }

    private static void checkChildren(int round, StoredJob parent, JobSpec spec, List<StoredJob> children,
            List<Violation> out) {
        long expected = spec.num("children");
        boolean spawned = parent.inHistory() ? parent.status().equals("completed")
                : parent.steps().stream().anyMatch(s -> s.startsWith("spawn#"));
        if (children.size() > expected || (spawned && children.size() != expected)) {
            out.add(new Violation(round, "wrong number of children", parent.id() + ": " + children.size()
                    + " children stored, spawned " + expected + (spawned ? " (spawn committed)" : "")));
        }
        if (parent.inHistory() && parent.status().equals("completed")) {
            for (StoredJob child : children) {
                if (!child.inHistory() || !child.status().equals("completed")) {
                    out.add(new Violation(round, "parent completed before its child", parent.id() + " child "
                            + child.id() + " is " + child.status()));
                }
            }
        }
    }
}
