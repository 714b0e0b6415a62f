package dev.stint.internal.exec;

import dev.stint.internal.store.WriteSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The runs of this library that are claimed in {@code jobs.db} (started, or claimed ahead and waiting for
 * a worker), and the result futures that callers wait on. The only writer of both: a run enters when its
 * claim is in its transaction and leaves when the write that ends it commits; a result future is settled
 * once, by whoever records the job's end.
 */
final class RunTable {
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Object>> results = new ConcurrentHashMap<>();

    void add(RunningJob rj) {
        running.put(rj.id(), rj);
    }

    /** Removes {@code rj} if it is still the registered run of its job; true if it was. */
    boolean remove(RunningJob rj) {
        return running.remove(rj.id(), rj);
    }

    /** The run of job {@code id}, or null. */
    RunningJob get(String id) {
        return running.get(id);
    }

    boolean contains(String id) {
        return running.containsKey(id);
    }

    boolean isEmpty() {
        return running.isEmpty();
    }

    int size() {
        return running.size();
    }

    /** A copy of the current runs. */
    List<RunningJob> snapshot() {
        return new ArrayList<>(running.values());
    }

    /** Claimed runs per queue; with {@code startedOnly}, only those a worker has taken (busy workers). */
    Map<String, Integer> claimedByQueue(boolean startedOnly) {
        Map<String, Integer> claimed = new HashMap<>();
        for (RunningJob rj : running.values()) {
            if (!startedOnly || rj.isStarted()) {
                claimed.merge(rj.queue(), 1, Integer::sum);
            }
        }
        return claimed;
    }

    /**
     * When a transition that ends the run commits, the job leaves the table in the same moment (on the
     * writer thread, before any waiter is told), so a status query never sees it running afterwards.
     *
     * @return {@code changed}, for chaining in a write
     */
    boolean leavesOnCommit(WriteSession s, RunningJob rj, boolean changed) {
        if (changed) {
            s.afterCommit(() -> remove(rj));
        }
        return changed;
    }

    // ---- result futures ------------------------------------------------------------------------------

    /** The one future of job {@code id}'s result, created on first use. */
    CompletableFuture<Object> resultFuture(String id) {
        return results.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    /** Forgets {@code future} (settled by the caller from what is stored). */
    void forgetResult(String id, CompletableFuture<Object> future) {
        results.remove(id, future);
    }

    /** Completes the result future of a finished job, if anyone holds one; at most once. */
    void settleResult(String id, Object output, Throwable failure) {
        CompletableFuture<Object> f = results.remove(id);
        if (f != null) {
            if (failure == null) {
                f.complete(output);
            } else {
                f.completeExceptionally(failure);
            }
        }
    }

    /** Fails every waiting result future (the library closed or crashed). */
    void failAllResults(Function<String, ? extends Throwable> failure) {
        for (Map.Entry<String, CompletableFuture<Object>> e : results.entrySet()) {
            e.getValue().completeExceptionally(failure.apply(e.getKey()));
        }
        results.clear();
    }
}
