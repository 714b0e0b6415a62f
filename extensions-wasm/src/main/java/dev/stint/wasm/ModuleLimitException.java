package dev.stint.wasm;

/**
 * A module declares more than the application's {@link WasmLimits} allow of something other than memory:
 * too many tables, a table with no maximum, tables or element segments with too many elements, too many
 * globals, element or data segments, or more data than its memory can hold. Reported by discovery (the
 * message names the limit, the module's value and what to change); a job of such a module fails with it.
 */
public final class ModuleLimitException extends WasmExtensionException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the extension, job, module and limit. */
    public ModuleLimitException(String extensionId, String jobName, String message) {
        super(extensionId, jobName, message, null);
    }

    /** Creates the exception with its cause. */
    public ModuleLimitException(String extensionId, String jobName, String message, Throwable cause) {
        super(extensionId, jobName, message, cause);
    }
}
