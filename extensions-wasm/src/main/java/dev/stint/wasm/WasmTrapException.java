package dev.stint.wasm;

/**
 * The module trapped: {@code unreachable}, an out-of-bounds memory access, an integer division by
 * zero, an exhausted call stack, and so on. The message is the trap's.
 */
public final class WasmTrapException extends WasmExtensionException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the extension, job and module. */
    public WasmTrapException(String extensionId, String jobName, String message) {
        super(extensionId, jobName, message, null);
    }

    /** Creates the exception with its cause. */
    public WasmTrapException(String extensionId, String jobName, String message, Throwable cause) {
        super(extensionId, jobName, message, cause);
    }
}
