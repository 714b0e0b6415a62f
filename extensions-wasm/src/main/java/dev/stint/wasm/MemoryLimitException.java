package dev.stint.wasm;

/**
 * A module's linear memory is not bounded as Stint requires: it declares no maximum, or a maximum over
 * the application's cap ({@link WasmLimits#maxMemoryPages()}), or uses 64-bit or shared memory.
 */
public final class MemoryLimitException extends WasmExtensionException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the extension, job and module. */
    public MemoryLimitException(String extensionId, String jobName, String message) {
        super(extensionId, jobName, message, null);
    }

    /** Creates the exception with its cause. */
    public MemoryLimitException(String extensionId, String jobName, String message, Throwable cause) {
        super(extensionId, jobName, message, cause);
    }
}
