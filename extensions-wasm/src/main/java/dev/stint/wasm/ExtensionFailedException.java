package dev.stint.wasm;

/**
 * The module reported that the job failed ({@code stint_run} returned 2); the message is the text the
 * module passed to {@code set_output}.
 */
public final class ExtensionFailedException extends WasmExtensionException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the extension, job and module. */
    public ExtensionFailedException(String extensionId, String jobName, String message) {
        super(extensionId, jobName, message, null);
    }

    /** Creates the exception with its cause. */
    public ExtensionFailedException(String extensionId, String jobName, String message, Throwable cause) {
        super(extensionId, jobName, message, cause);
    }
}
