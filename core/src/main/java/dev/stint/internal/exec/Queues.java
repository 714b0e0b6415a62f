package dev.stint.internal.exec;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queues of an open library: each one's concurrency and whether it is paused. The configured queues
 * come from the builder; a queue found in {@code jobs.db} (or named by an outbox row) that was not configured
 * runs one job at a time, with a warning. The pause flags mirror what is stored, set after the write that
 * stores them commits.
 */
final class Queues {
    private static final Logger LOG = LoggerFactory.getLogger(Queues.class);

    private final Map<String, Integer> configured;
    private final Map<String, Integer> limits = new ConcurrentHashMap<>();
    private final Map<String, Integer> limitsView = Collections.unmodifiableMap(limits);
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final String label;

    Queues(Map<String, Integer> configured, String label) {
        this.configured = Map.copyOf(configured);
        this.limits.putAll(configured);
        this.label = label;
    }

    /** Whether dispatch may name {@code queue}: only configured queues. */
    boolean isConfigured(String queue) {
        return configured.containsKey(queue);
    }

    String configuredNames() {
        return String.join(", ", configured.keySet());
    }

    /** Whether {@code queue} is known (configured or found in {@code jobs.db}). */
    boolean isKnown(String queue) {
        return limits.containsKey(queue);
    }

    String knownNames() {
        return String.join(", ", limits.keySet());
    }

    /** A queue's concurrency (1 for a queue nobody configured). */
    int limit(String queue) {
        return limits.getOrDefault(queue, 1);
    }

    /** Every known queue with its concurrency (a read-only view; the queues change only through this class). */
    Map<String, Integer> limits() {
        return limitsView;
    }

    /** Every known queue with its concurrency, by name. */
    Map<String, Integer> sorted() {
        return new TreeMap<>(limits);
    }

    boolean isPaused(String queue) {
        return paused.contains(queue);
    }

    /** Records a committed pause or resume of {@code queue}. */
    void setPaused(String queue, boolean isPaused) {
        if (isPaused) {
            paused.add(queue);
        } else {
            paused.remove(queue);
        }
    }

    /** The queues stored as paused, at open. */
    void restorePaused(Collection<String> stored) {
        paused.addAll(stored);
    }

    /** A queue that holds jobs in {@code jobs.db} at open: unconfigured ones run one job at a time. */
    void adoptFound(String queue) {
        if (limits.putIfAbsent(queue, 1) == null) {
            LOG.warn("library {}: jobs.db holds jobs of queue '{}', which was not configured; running them one"
                    + " at a time", label, queue);
        }
    }

    /** A queue named by an outbox row: unconfigured ones run one job at a time. */
    void adoptFromOutbox(String queue, String jobId) {
        limits.computeIfAbsent(queue, q -> {
            LOG.warn("library {}: outbox job {} names unconfigured queue '{}'; running it one at a time", label,
                    jobId, q);
            return 1;
        });
    }
}
