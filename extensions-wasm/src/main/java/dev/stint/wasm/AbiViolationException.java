package dev.stint.wasm;

/**
 * A module does not follow the Stint extension ABI: a required export is missing or has the wrong
 * type, {@code stint_abi_version} returns another version, {@code stint_run} returns an undefined status,
 * a host function is given a pointer outside memory or a bad value, or the output is not JSON.
 */
public final class AbiViolationException extends WasmExtensionException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the extension, job and module. */
    public AbiViolationException(String extensionId, String jobName, String message) {
        super(extensionId, jobName, message, null);
    }

    /** Creates the exception with its cause. */
    public AbiViolationException(String extensionId, String jobName, String message, Throwable cause) {
        super(extensionId, jobName, message, cause);
    }
}
