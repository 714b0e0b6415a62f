package dev.stint.wasm;

/**
 * A run of the module took longer than its wall-time limit and was stopped by the watchdog.
 */
public final class WallTimeExceededException extends WasmExtensionException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the extension, job and module. */
    public WallTimeExceededException(String extensionId, String jobName, String message) {
        super(extensionId, jobName, message, null);
    }

    /** Creates the exception with its cause. */
    public WallTimeExceededException(String extensionId, String jobName, String message, Throwable cause) {
        super(extensionId, jobName, message, cause);
    }
}
