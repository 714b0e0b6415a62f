package dev.stint.wasm;

/**
 * The module set an output larger than its limit allows
 * ({@link WasmLimits#maxOutputBytes()} or the descriptor's lower value).
 */
public final class OutputTooLargeException extends WasmExtensionException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the extension, job and module. */
    public OutputTooLargeException(String extensionId, String jobName, String message) {
        super(extensionId, jobName, message, null);
    }

    /** Creates the exception with its cause. */
    public OutputTooLargeException(String extensionId, String jobName, String message, Throwable cause) {
        super(extensionId, jobName, message, cause);
    }
}
