package dev.stint.bench.compare;

/** A workload needs a feature the engine does not have (e.g. a checkpoint inside a running job). */
public final class UnsupportedByEngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedByEngineException(String feature) {
        super("no " + feature);
    }
}
