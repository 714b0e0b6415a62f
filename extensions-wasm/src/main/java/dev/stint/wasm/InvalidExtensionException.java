package dev.stint.wasm;

/**
 * An extension cannot be used: its descriptor is missing, malformed or asks for more than the
 * application allows (an ungranted capability, a limit over the cap), a module file is missing or is not
 * valid WebAssembly, or a module imports something other than the host functions it may use.
 * Reported by discovery; a job of such an extension fails with it when it runs.
 */
public final class InvalidExtensionException extends WasmExtensionException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the extension, job and module. */
    public InvalidExtensionException(String extensionId, String jobName, String message) {
        super(extensionId, jobName, message, null);
    }

    /** Creates the exception with its cause. */
    public InvalidExtensionException(String extensionId, String jobName, String message, Throwable cause) {
        super(extensionId, jobName, message, cause);
    }
}
