package dev.stint.torture;

/** The kinds of dispatch in the torture workload. */
public enum Kind {
    /** A resumable counting job with checkpoints ({@code torture.count}). */
    COUNT,
    /** A counting job that fails its first attempts with a retryable error, dispatched with retries. */
    FLAKY,
    /** A job of named steps ({@code torture.steps}). */
    STEPS,
    /** A job processing items in committed chunks ({@code torture.batch}). */
    BATCH,
    /** A parent spawning counting children and waiting for them ({@code torture.tree}). */
    TREE,
    /** A counting job dispatched with a delay. */
    DELAYED,
    /** A counting job dispatched with a unique key and a policy (keep, replace, append). */
    UNIQUE,
    /** A counting job with a run timeout that may fire, and one retry: it completes or fails as timed out. */
    TIMED,
    /** Several counting jobs dispatched in one transaction ({@code dispatchAll}). */
    GROUP,
    /** The demo WASM extension job {@code demo-wasm:count}. */
    WASM,
    /**
     * A counting job under run rules: a resource (one of two keys or two nested folders, read or write), a
     * concurrency key with limit 1 or 2, a rate limit, and a tag: it waits for its rules, across kills.
     */
    RULED;

    /** The name used in the dispatch log. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind of a dispatch-log name. */
    public static Kind ofWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
