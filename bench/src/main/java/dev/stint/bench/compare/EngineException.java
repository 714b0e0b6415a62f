package dev.stint.bench.compare;

/** An engine failed outside a measurement (e.g. while shutting down). */
public final class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
