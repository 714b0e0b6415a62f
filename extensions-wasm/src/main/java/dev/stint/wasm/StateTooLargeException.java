package dev.stint.wasm;

/**
 * The module asked to checkpoint more state bytes than its limit allows
 * ({@link WasmLimits#maxStateBytes()} or the descriptor's lower value).
 */
public final class StateTooLargeException extends WasmExtensionException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the extension, job and module. */
    public StateTooLargeException(String extensionId, String jobName, String message) {
        super(extensionId, jobName, message, null);
    }

    /** Creates the exception with its cause. */
    public StateTooLargeException(String extensionId, String jobName, String message, Throwable cause) {
        super(extensionId, jobName, message, cause);
    }
}
