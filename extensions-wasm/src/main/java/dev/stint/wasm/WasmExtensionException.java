package dev.stint.wasm;

import dev.stint.StintException;
import java.util.Optional;

/**
 * Base class of the failures of WebAssembly extensions. Each subtype names one kind of problem; when a
 * job fails with one, the job's {@link dev.stint.ErrorRecord} carries the subtype's class name and the
 * message. Only that job fails: the engine and the other jobs keep running.
 */
public abstract class WasmExtensionException extends StintException {
    private static final long serialVersionUID = 1L;
    private final String extensionId;
    private final String jobName;

    /**
     * Creates the failure of an extension or of one of its jobs.
     *
     * @param extensionId the extension concerned, or null when it is not known (an unreadable descriptor)
     * @param jobName the job concerned (without the extension id), or null when the whole extension is
     * @param message what went wrong, naming the extension, job and module
     * @param cause the underlying error, or null
     */
    protected WasmExtensionException(String extensionId, String jobName, String message, Throwable cause) {
        super(message, cause);
        this.extensionId = extensionId;
        this.jobName = jobName;
    }

    /** The extension concerned, when known. */
    public Optional<String> extensionId() {
        return Optional.ofNullable(extensionId);
    }

    /** The job concerned (its name inside the extension), when the problem is one job's. */
    public Optional<String> jobName() {
        return Optional.ofNullable(jobName);
    }
}
