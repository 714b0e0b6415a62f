package dev.stint.bench.compare;

import java.util.Locale;

/**
 * The durability setting a run uses, the same for every engine: SQLite's {@code synchronous} pragma on
 * the peers' and the raw limit's connections, and Stint's {@code powerSafe} flag (which sets that pragma).
 */
public enum Sync {
    /** {@code synchronous=NORMAL}; Stint {@code powerSafe(false)}: a commit survives an app crash, not a power cut. */
    NORMAL,
    /** {@code synchronous=FULL}; Stint {@code powerSafe(true)}, its default: every commit is fsynced. */
    FULL;

    boolean powerSafe() {
        return this == FULL;
    }

    static Sync parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown sync setting '" + text + "'; known: normal, full");
        }
    }
}
