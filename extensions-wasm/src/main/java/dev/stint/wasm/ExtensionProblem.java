package dev.stint.wasm;

import java.util.Optional;

/**
 * Something discovery could not load: a descriptor, a whole extension or one job's module. Other
 * extensions and jobs are not affected.
 *
 * @param location where the descriptor (or module) was found
 * @param extensionId the extension concerned, or null when its descriptor could not be read
 * @param dispatchName the job concerned ({@code id:job}), or null when the problem is the extension's
 * @param error the typed reason; a registered job of this extension fails with it when it runs
 */
public record ExtensionProblem(String location, String extensionId, String dispatchName, WasmExtensionException error) {

    /** The error's message. */
    public String message() {
        return error.getMessage();
    }

    /** The job concerned, if the problem is one job's. */
    public Optional<String> job() {
        return Optional.ofNullable(dispatchName);
    }

    @Override
    public String toString() {
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
