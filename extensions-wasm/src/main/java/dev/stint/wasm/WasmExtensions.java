package dev.stint.wasm;

import dev.stint.spi.JobCatalog;
import dev.stint.spi.JobDescriptor;
import dev.stint.wasm.internal.Discovery;
import dev.stint.wasm.internal.ExtensionBindings;
import dev.stint.wasm.internal.ExtensionJob;
import dev.stint.wasm.internal.ExtensionSet;
import dev.stint.wasm.internal.WasmJobs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The WebAssembly extensions available to one library: discovered from the library's plugin folder and
 * the class path, checked against the ABI and the application's limits and grants, and offered to the
 * engine as a {@link JobCatalog}.
 *
 * <pre>{@code
 * WasmExtensions extensions = WasmExtensions.discover(libraryDir);
 * extensions.problems().forEach(p -> log.warn(p.message()));
 * try (Library library = Library.builder(libraryDir).catalog(extensions.catalog()).open()) {
 *     library.dispatch("demo-wasm:count", "{\"to\": 1000, \"checkpointEvery\": 100}");
 * }
 * }</pre>
 *
 * <p>Discovery looks on the class path (resources {@code META-INF/stint/extensions/<folder>/stint-extension.json}
 * in jars and folders), then in {@code <libraryDir>/plugins/} (each sub-folder holding a
 * {@code stint-extension.json}, and each {@code *.jar} holding the same resource path). What the application
 * ships comes first and wins: a library folder's plugin with the id of a shipped extension is reported and
 * ignored. A broken descriptor, module or extension is reported in
 * {@link #problems()} and never stops discovery, the engine or another extension. Jobs are dispatched by
 * {@code <extensionId>:<jobName>} with JSON arguments.
 *
 * <p>A job whose descriptor is readable but whose module cannot run (no memory maximum, a missing
 * export, an ungranted capability...) is still registered under its name, so that a dispatched or stored
 * job of that name fails with the typed reason ({@link WasmExtensionException}) rather than as an unknown
 * type.
 *
 * <p>Instances are immutable and thread-safe. Discovering again for the same library replaces the earlier
 * discovery for jobs that start afterwards.
 */
public final class WasmExtensions {
    private final Path libraryDir;
    private final ExtensionSet set;
    private final JobCatalog catalog;

    private WasmExtensions(Path libraryDir, ExtensionSet set) {
        this.libraryDir = libraryDir;
        this.set = set;
        List<JobDescriptor> descriptors = new ArrayList<>();
        for (ExtensionJob job : set.jobs().values()) {
            descriptors.add(WasmJobs.descriptor(job));
        }
        List<JobDescriptor> frozen = List.copyOf(descriptors);
        this.catalog = () -> frozen;
    }

    /**
     * Discovers with the defaults: the library's {@code plugins} folder and the class path, default
     * {@link WasmLimits}, no capabilities granted.
     */
    public static WasmExtensions discover(Path libraryDir) {
        return builder(libraryDir).discover();
    }

    /** Starts configuring discovery for the library in {@code libraryDir}. */
    public static Builder builder(Path libraryDir) {
        return new Builder(libraryDir);
    }

    /** The job types of every registered extension job, to pass to {@code Library.Builder.catalog(...)}. */
    public JobCatalog catalog() {
        return catalog;
    }

    /** The extensions found, in discovery order. */
    public List<ExtensionInfo> extensions() {
        return set.extensions();
    }

    /** What could not be loaded, with typed reasons. Empty when everything loaded. */
    public List<ExtensionProblem> problems() {
        return set.problems();
    }

    /** The dispatch names of the jobs that can run, in discovery order. */
    public List<String> jobNames() {
        return set.jobs().values().stream().filter(j -> j.rejection() == null).map(ExtensionJob::dispatchName).toList();
    }

    /** The library folder these extensions serve. */
    public Path libraryDir() {
        return libraryDir;
    }

    /** The limits in force (the caps that descriptors may lower). */
    public WasmLimits limits() {
        return set.limits();
    }

    /** The capabilities the application granted. */
    public Set<WasmCapability> granted() {
        return set.granted();
    }

    /** A human-readable report: one line per extension and per problem. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        for (ExtensionInfo e : set.extensions()) {
            sb.append("extension ").append(e.id());
            if (e.version() != null) {
                sb.append(' ').append(e.version());
            }
            sb.append(" (").append(e.location()).append("): jobs ").append(e.jobs().isEmpty() ? "none" : String.join(", ", e.jobs()));
            if (!e.rejectedJobs().isEmpty()) {
                sb.append("; rejected ").append(String.join(", ", e.rejectedJobs()));
            }
            sb.append('\n');
        }
        for (ExtensionProblem p : set.problems()) {
            sb.append("problem: ").append(p).append('\n');
        }
        return sb.length() == 0 ? "no extensions found\n" : sb.toString();
    }

    @Override
    public String toString() {
        return "WasmExtensions[" + libraryDir + ": " + jobNames() + ", " + problems().size() + " problem(s)]";
    }

    /** Discovery settings, validated as they are set. */
    public static final class Builder {
        private final Path libraryDir;
        private final List<Path> pluginFolders = new ArrayList<>();
        private boolean defaultPluginFolder = true;
        private boolean classPath = true;
        private WasmLimits limits = WasmLimits.defaults();
        private final Set<WasmCapability> granted = EnumSet.noneOf(WasmCapability.class);

        private Builder(Path libraryDir) {
            this.libraryDir = Objects.requireNonNull(libraryDir, "libraryDir");
        }

        /** The limits (and caps) for every extension job (default {@link WasmLimits#defaults()}). */
        public Builder limits(WasmLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Grants capabilities: extensions that request them may import their host functions. */
        public Builder grant(WasmCapability... capabilities) {
            for (WasmCapability c : capabilities) {
                granted.add(Objects.requireNonNull(c, "capability"));
            }
            return this;
        }

        /**
         * Grants capabilities by name, as written in descriptors ({@code "clock"}, {@code "random"}).
         *
         * @throws IllegalArgumentException naming an unknown capability
         */
        public Builder grant(String... names) {
            for (String n : names) {
                granted.add(WasmCapability.byName(n).orElseThrow(() -> new IllegalArgumentException(
                        "unknown capability '" + n + "'; known capabilities: " + WasmCapability.knownNames())));
            }
            return this;
        }

        /**
         * Searches this folder (sub-folders with a descriptor, and jars) before the others: it holds what the
         * application ships. May be called several times; folders are searched in the order given, then the
         * class path, then {@code <libraryDir>/plugins}.
         */
        public Builder pluginFolder(Path folder) {
            pluginFolders.add(Objects.requireNonNull(folder, "folder"));
            return this;
        }

        /**
         * Whether to search {@code <libraryDir>/plugins} (default true: a library's own extensions travel with
         * its folder, and its jobs need them to run). It is searched last, so its plugins can add extensions but
         * never replace one the application ships (its folders or class path); a duplicate is reported in
         * {@link #problems()}. An application that opens library folders it does not trust (another user's, say)
         * and wants no code from them turns it off.
         */
        public Builder useLibraryPluginFolder(boolean use) {
            this.defaultPluginFolder = use;
            return this;
        }

        /** Whether to search the class path for {@code META-INF/stint/extensions/...} (default true). */
        public Builder scanClassPath(boolean scan) {
            this.classPath = scan;
            return this;
        }

        /** Finds, checks and registers the extensions. Never throws for a broken extension: see {@link #problems()}. */
        public WasmExtensions discover() {
            Path libraryPlugins = defaultPluginFolder ? libraryDir.resolve("plugins") : null;
            ExtensionSet set = Discovery.discover(List.copyOf(pluginFolders), classPath, libraryPlugins, limits, granted);
            ExtensionBindings.bind(libraryDir, set);
            return new WasmExtensions(libraryDir, set);
        }
    }
}
