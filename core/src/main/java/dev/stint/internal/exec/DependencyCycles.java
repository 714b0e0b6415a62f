package dev.stint.internal.exec;

import dev.stint.DependencyCycleException;
import dev.stint.ErrorRecord;
import dev.stint.JobStatus;
import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.codec.StoredError;
import dev.stint.internal.store.History;
import dev.stint.internal.store.JobReads;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cycle check at open: a job waits for its chain predecessor ({@code after_id}) to leave the active
 * table and for its children to finish; if these waits lead back to the job (a chain whose predecessor is
 * itself or a later job, a job that is its own parent or ancestor), no job of the cycle can ever run. No
 * dispatch creates one; a crafted {@code jobs.db} can. Each job of a cycle is moved to history as failed with
 * a {@link DependencyCycleException} naming the cycle, in one write; the jobs that waited after them then run
 * as after any failed predecessor. Checked once per open (a cycle can only come from outside the library).
 */
final class DependencyCycles {
    private static final Logger LOG = LoggerFactory.getLogger(DependencyCycles.class);

    private final JobsDb db;
    private final StateCodec codec;
    private final InstantSource clock;
    private final String label;

    DependencyCycles(JobsDb db, StateCodec codec, InstantSource clock, String label) {
        this.db = db;
        this.codec = codec;
        this.clock = clock;
        this.label = label;
    }

    /** Fails every waiting job on a cycle; returns their ids. */
    List<String> failCycles() {
        return db.write(s -> {
            Map<String, List<String>> waitsFor = new HashMap<>();
            Map<String, String> why = new HashMap<>();
            for (JobReads.Dependency d : JobReads.dependencies(s)) {
                if (d.afterId() != null) {
                    waitsFor.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(d.afterId());
                    why.put(d.id() + ">" + d.afterId(), "after");
                }
                if (d.parentId() != null) {
                    waitsFor.computeIfAbsent(d.parentId(), k -> new ArrayList<>()).add(d.id());
                    why.putIfAbsent(d.parentId() + ">" + d.id(), "child");
                }
            }
            List<String> failed = new ArrayList<>();
            long now = clock.millis();
            for (List<String> cycle : cycles(waitsFor)) {
                String text = describe(cycle, waitsFor, why);
                for (String id : cycle) {
                    ErrorRecord error = ErrorRecord.of(new DependencyCycleException(id, text), now);
                    if (History.finish(s, id, StatusRules.WAITING, JobStatus.FAILED, null,
                            codec.encode(StoredError.of(error)), null, null, now)) {
                        failed.add(id);
                    }
                }
            }
            if (!failed.isEmpty()) {
                LOG.warn("library {}: {} job(s) waited on themselves through a dependency cycle and were failed: {}",
                        label, failed.size(), failed);
            }
            return failed;
        });
    }

    /** The strongly connected components with a cycle (Tarjan's algorithm, iterative). */
    static List<List<String>> cycles(Map<String, List<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Set<String> onStack = new LinkedHashSet<>();
        Deque<String> stack = new ArrayDeque<>();
        List<List<String>> out = new ArrayList<>();
        int next = 0;
        for (String root : edges.keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<String[]> work = new ArrayDeque<>(); // {node, position in its edge list}
            work.push(new String[] {root, "0"});
            index.put(root, next);
            low.put(root, next++);
            stack.push(root);
            onStack.add(root);
            while (!work.isEmpty()) {
                String[] frame = work.peek();
                String v = frame[0];
                List<String> out1 = edges.getOrDefault(v, List.of());
                int i = Integer.parseInt(frame[1]);
                if (i < out1.size()) {
                    frame[1] = Integer.toString(i + 1);
                    String w = out1.get(i);
                    if (!index.containsKey(w)) {
                        index.put(w, next);
                        low.put(w, next++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(new String[] {w, "0"});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    List<String> component = new ArrayList<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        component.add(w);
                    } while (!w.equals(v));
                    if (component.size() > 1 || out1.contains(v)) {
                        out.add(component);
                    }
                }
            }
        }
        return out;
    }

    private static String describe(List<String> cycle, Map<String, List<String>> edges, Map<String, String> why) {
        Set<String> members = Set.copyOf(cycle);
        List<String> parts = new ArrayList<>();
        for (String id : cycle) {
            for (String w : edges.getOrDefault(id, List.of())) {
                if (members.contains(w) && parts.size() < 20) {
                    parts.add(id + (why.get(id + ">" + w).equals("after") ? " runs after " : " waits for its child ")
                            + w);
                }
            }
        }
        return String.join(", ", parts);
    }
}
