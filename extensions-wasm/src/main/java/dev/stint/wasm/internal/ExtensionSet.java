package dev.stint.wasm.internal;

import dev.stint.wasm.ExtensionInfo;
import dev.stint.wasm.ExtensionProblem;
import dev.stint.wasm.WasmCapability;
import dev.stint.wasm.WasmLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The result of one discovery: the extensions found, their jobs by dispatch name, and the problems.
 *
 * @param jobs every registered job by dispatch name (rejected ones included, so they fail with their reason)
 */
public record ExtensionSet(
        List<ExtensionInfo> extensions, List<ExtensionProblem> problems, Map<String, ExtensionJob> jobs,
        WasmLimits limits, Set<WasmCapability> granted) {

    /** Copies the collections, keeping the jobs' order. */
    public ExtensionSet {
        extensions = List.copyOf(extensions);
        problems = List.copyOf(problems);
        jobs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
        granted = Set.copyOf(granted);
    }

    /** The job with this dispatch name, if registered. */
    public Optional<ExtensionJob> job(String dispatchName) {
        return Optional.ofNullable(jobs.get(dispatchName));
    }
}
