package dev.stint.internal.store;

import java.util.Locale;

/**
 * Which thread runs a batch that a waiting caller submits. Not a setting of the library: the benchmark compares
 * the choices through the system property {@value #PROPERTY} ({@code writer}, {@code caller} or
 * {@code caller-except-jobs}); tests pick one directly. {@code docs/benchmarks.md} ("Writer thread vs caller-run
 * commits") has the figures behind the default.
 */
public enum CommitThread {
    /** Every batch runs on the writer's own platform thread, whose stack size the writer sets. */
    WRITER,
    /** An idle writer lets any waiting caller run the batch on its own thread (no hand-off). */
    CALLER,
    /**
     * As {@link #CALLER} for the application's and the engine's own threads; a job's thread, and every write a job
     * asks for through its context, hands its batch to the writer's thread: SQL never runs on a stack that job code
     * controls. The default.
     */
    CALLER_EXCEPT_JOBS;

    /** The system property the benchmark sets to compare the choices. */
    public static final String PROPERTY = "stint.internal.commitThread";

    /** The default, or the one {@value #PROPERTY} names; an unknown value is refused. */
    public static CommitThread fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return CALLER_EXCEPT_JOBS;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be 'writer', 'caller' or 'caller-except-jobs', not '"
                    + value + "'", e);
        }
    }
}
