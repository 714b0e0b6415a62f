package dev.stint.internal.store;

import java.util.Locale;

/**
 * Which thread runs a batch that a waiting caller submits ({@link GroupCommitWriter#submitOrRun}). Not a
 * setting of the library: the benchmark compares the two through the system property {@value #PROPERTY}
 * ({@code writer} or {@code caller}); tests pick one directly.
 */
public enum CommitThread {
    /** Every batch runs on the writer's own platform thread, whose stack size the writer sets. */
    WRITER,
    /** An idle writer lets the waiting caller run the batch on its own thread (no hand-off). */
    CALLER;

    /** The system property the benchmark sets to compare the two. */
    public static final String PROPERTY = "stint.internal.commitThread";

    /** The default, or the one {@value #PROPERTY} names; an unknown value is refused. */
    public static CommitThread fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return WRITER;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be 'writer' or 'caller', not '" + value + "'", e);
        }
    }
}
