package dev.stint.wasm;

import java.util.List;
import java.util.Set;

/**
 * An extension that discovery found and registered.
 *
 * @param id the extension id, the first part of its jobs' dispatch names
 * @param name its display name from the descriptor, or null
 * @param version its version text from the descriptor, or null
 * @param location where its descriptor was found (a file or jar URI)
 * @param jobs the dispatch names ({@code id:job}) of its jobs that can run
 * @param rejectedJobs the dispatch names of its jobs that were registered but cannot run; each has an
 *     {@link ExtensionProblem} saying why, and a job of that name fails with that reason
 * @param capabilities the capabilities it requested (and was granted), by name
 */
public record ExtensionInfo(
        String id, String name, String version, String location, List<String> jobs, List<String> rejectedJobs,
        Set<String> capabilities) {

    /** Copies the lists. */
    public ExtensionInfo {
        jobs = List.copyOf(jobs);
        rejectedJobs = List.copyOf(rejectedJobs);
        capabilities = Set.copyOf(capabilities);
    }
}
