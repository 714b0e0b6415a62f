package dev.stint.internal.exec;

import dev.stint.Condition;
import dev.stint.Subscription;
import dev.stint.internal.conditions.ConditionMonitor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The device conditions of jobs under run rules, between the {@link RuleGate} and the
 * {@link ConditionMonitor}: whether a job's conditions hold (stored as their text forms, parsed once), and a
 * watch on every set of conditions the gate has met, so the monitor probes (on its slow timer) only while jobs
 * wait on or run under them. The watches end when no job under rules is left.
 */
final class ConditionGate implements AutoCloseable {
    private final ConditionMonitor monitor;
    private final Map<String, Condition> parsed = new HashMap<>();
    private final Map<List<String>, ConditionMonitor.Watch> watches = new HashMap<>();
    private final Subscription changes;

    /** @param onChange told (on the monitor's thread, or the caller of {@link #set}) when a verdict may have changed */
    ConditionGate(ConditionMonitor monitor, Runnable onChange) {
        this.monitor = monitor;
        this.changes = monitor.onChange(onChange);
    }

    /**
     * The first of {@code texts} that does not hold now, or null if all do (unknown counts as holding, see
     * {@link ConditionMonitor#UNKNOWN_HOLDS}). Watches the set from now on.
     */
    synchronized String unmet(List<String> texts) {
        List<Condition> conditions = new ArrayList<>(texts.size());
        for (String text : texts) {
            Condition c = parsed.get(text);
            if (c == null) {
                try {
                    c = Condition.parse(text);
                } catch (IllegalArgumentException e) {
                    return text + " (unreadable: " + e.getMessage() + ")";
                }
                parsed.put(text, c);
            }
            conditions.add(c);
        }
        if (!watches.containsKey(texts)) {
            watches.put(List.copyOf(texts), monitor.watch(conditions));
        }
        ConditionMonitor.Evaluation e = monitor.evaluate(conditions);
        return e.holds() ? null : e.unmet().get(0).text();
    }

    /** No job under rules is left: the probes may stop. */
    synchronized void unwatchAll() {
        watches.values().forEach(ConditionMonitor.Watch::close);
        watches.clear();
    }

    /** Sets an app-defined condition. */
    void set(String name, boolean holds) {
        monitor.set(name, holds);
    }

    /** The user did something (ends a {@code userIdleFor} spell). */
    void userActive() {
        monitor.userActive();
    }

    /** Reads the probes now (after a wake). */
    void recheck() {
        monitor.tick();
    }

    @Override
    public synchronized void close() {
        changes.close();
        unwatchAll();
        monitor.close();
    }
}
