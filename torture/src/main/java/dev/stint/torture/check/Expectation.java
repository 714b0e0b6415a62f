package dev.stint.torture.check;

import dev.stint.torture.JobSpec;
import dev.stint.torture.Kind;

/**
 * What a stored job should do, derived from the dispatch that stored it.
 *
 * @param spec the dispatch (for a child: its parent's tree dispatch)
 * @param child whether the job is a child of a tree
 */
record Expectation(JobSpec spec, boolean child) {

    /** Whether the job is a {@code torture.count} job (count, flaky, timed, delayed, unique, group, or a child). */
    boolean isCount() {
        return child || switch (spec.kind()) {
            case COUNT, FLAKY, TIMED, DELAYED, UNIQUE, GROUP, RULED -> true;
            default -> false;
        };
    }

    /** The {@code to} of a counting job. */
    long countTo() {
        return child ? spec.num("childTo") : spec.num("to");
    }

    /** The kind of the job itself (a child counts). */
    Kind kind() {
        return child ? Kind.COUNT : spec.kind();
    }
}
