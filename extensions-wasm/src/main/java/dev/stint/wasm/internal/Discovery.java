package dev.stint.wasm.internal;

import dev.stint.wasm.ExtensionInfo;
import dev.stint.wasm.ExtensionProblem;
import dev.stint.wasm.InvalidExtensionException;
import dev.stint.wasm.WasmCapability;
import dev.stint.wasm.WasmExtensionException;
import dev.stint.wasm.WasmLimits;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.Resource;
import io.github.classgraph.ScanResult;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds extension descriptors and their modules with ClassGraph, in a plugin folder (sub-folders holding a
 * {@code stint-extension.json}, and plugin jars) and on the class path (resources under
 * {@code META-INF/stint/extensions/<folder>/}). What the application ships is found first (the folders it
 * names, then the class path) and the library folder's own {@code plugins} last, so the first extension found
 * with an id wins and a library folder (which may come from another user) can never replace an extension the
 * application ships: its copy is reported and ignored. Every problem is collected; none stops discovery.
 */
public final class Discovery {
    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

    /** Where extensions live inside jars and class-path folders. */
    public static final String RESOURCE_ROOT = "META-INF/stint/extensions";

    /** The largest module file discovery loads. */
    static final long MAX_MODULE_BYTES = 64L << 20;

    private static final Pattern IN_JAR = Pattern.compile(
            Pattern.quote(RESOURCE_ROOT) + "/[^/]+/" + Pattern.quote(ExtensionDescriptor.FILE_NAME));
    private static final Pattern IN_FOLDER = Pattern.compile("[^/]+/" + Pattern.quote(ExtensionDescriptor.FILE_NAME));

    private final WasmLimits limits;
    private final Set<WasmCapability> granted;
    private final InstanceGate instances;
    private final List<ExtensionInfo> extensions = new ArrayList<>();
    private final List<ExtensionProblem> problems = new ArrayList<>();
    private final Map<String, ExtensionJob> jobs = new LinkedHashMap<>();
    private final Map<String, String> idLocations = new HashMap<>();
    /** The ids of the extensions the application ships (found before the library folder's plugins). */
    private final Set<String> shipped = new java.util.HashSet<>();

    private Discovery(WasmLimits limits, Set<WasmCapability> granted) {
        this.limits = limits;
        this.instances = new InstanceGate(limits.maxInstances());
        this.granted = Set.copyOf(granted);
    }

    /**
     * Discovers extensions.
     *
     * @param appFolders folders the application names, searched first, in order (missing ones are skipped)
     * @param classPath whether to search the class path next
     * @param libraryFolder the library folder's own plugin folder, searched last, or null for none
     */
    public static ExtensionSet discover(List<Path> appFolders, boolean classPath, Path libraryFolder,
            WasmLimits limits, Set<WasmCapability> granted) {
        Discovery d = new Discovery(limits, granted);
        for (Path folder : appFolders) {
            d.scanPluginFolder(folder);
        }
        if (classPath) {
            d.scanClassPath();
        }
        if (libraryFolder != null) {
            d.shipped.addAll(d.idLocations.keySet());
            d.scanPluginFolder(libraryFolder);
        }
        for (ExtensionProblem p : d.problems) {
            LOG.warn("WebAssembly extension problem: {}", p.message());
        }
        return new ExtensionSet(d.extensions, d.problems, d.jobs, limits, granted);
    }

    private void scanPluginFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Object> elements = new ArrayList<>();
        elements.add(folder.toFile());
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.jar")) {
            entries.forEach(jars::add);
        } catch (IOException e) {
            problems.add(new ExtensionProblem(folder.toString(), null, null, new InvalidExtensionException(null, null,
                    "cannot list plugin folder " + folder + ": " + e.getMessage(), e)));
        }
        jars.sort(Comparator.naturalOrder());
        jars.forEach(j -> elements.add(j.toFile()));
        try (ScanResult scan = new ClassGraph().overrideClasspath(elements).scan()) {
            process(scan, r -> {
                boolean inFolderElement = r.getClasspathElementFile() != null
                        && r.getClasspathElementFile().toPath().equals(folder.toFile().toPath());
                return inFolderElement ? IN_FOLDER.matcher(r.getPath()).matches() : IN_JAR.matcher(r.getPath()).matches();
            });
        } catch (RuntimeException e) {
            problems.add(new ExtensionProblem(folder.toString(), null, null, new InvalidExtensionException(null, null,
                    "cannot scan plugin folder " + folder + ": " + e, e)));
        }
    }

    private void scanClassPath() {
        try (ScanResult scan = new ClassGraph().acceptPaths(RESOURCE_ROOT).scan()) {
            process(scan, r -> IN_JAR.matcher(r.getPath()).matches());
        } catch (RuntimeException e) {
            problems.add(new ExtensionProblem("class path", null, null, new InvalidExtensionException(null, null,
                    "cannot scan the class path for extensions: " + e, e)));
        }
    }

    private void process(ScanResult scan, java.util.function.Predicate<Resource> accept) {
        List<Resource> descriptors = new ArrayList<>(scan.getResourcesWithLeafName(ExtensionDescriptor.FILE_NAME));
        descriptors.removeIf(r -> !accept.test(r));
        descriptors.sort(Comparator.comparing((Resource r) -> r.getURI().toString()));
        for (Resource r : descriptors) {
            String location = r.getURI().toString();
            byte[] bytes;
            try {
                bytes = r.load();
            } catch (IOException e) {
                problems.add(new ExtensionProblem(location, null, null, new InvalidExtensionException(null, null,
                        "cannot read " + location + ": " + e.getMessage(), e)));
                continue;
            }
            String dir = r.getPath().substring(0, r.getPath().lastIndexOf('/') + 1);
            add(location, bytes, module -> sibling(scan, r, dir + module));
        }
    }

    /** A file next to the descriptor, from the same jar or folder; null if missing. */
    private static byte[] sibling(ScanResult scan, Resource descriptor, String path) throws IOException {
        for (Resource r : scan.getResourcesWithPath(path)) {
            if (r.getClasspathElementURI().equals(descriptor.getClasspathElementURI())) {
                if (r.getLength() > MAX_MODULE_BYTES) {
                    throw new IOException(path + " has " + r.getLength() + " bytes, over the " + (MAX_MODULE_BYTES >> 20)
                            + " MiB module limit");
                }
                return r.load();
            }
        }
        return null;
    }

    @FunctionalInterface
    private interface ModuleFiles {
        byte[] read(String relativePath) throws IOException;
    }

    private void add(String location, byte[] descriptorBytes, ModuleFiles files) {
        ExtensionDescriptor d;
        try {
            d = ExtensionDescriptor.parse(descriptorBytes, location);
        } catch (InvalidExtensionException e) {
            problems.add(new ExtensionProblem(location, e.extensionId().orElse(null), null, e));
            return;
        }
        String id = d.id();
        String earlier = idLocations.putIfAbsent(id, location);
        if (earlier != null) {
            String why = shipped.contains(id)
                    ? "duplicate extension id: the application ships an extension with this id (from " + earlier
                            + "), and a library folder's plugin cannot replace it, so this copy is ignored"
                    : "duplicate extension id; already loaded from " + earlier + ", so this copy is ignored";
            problems.add(new ExtensionProblem(location, id, null, ExtensionDescriptor.invalid(id, location, why)));
            return;
        }

        WasmExtensionException rejected = null;
        for (WasmCapability c : d.capabilities()) {
            if (!granted.contains(c)) {
                rejected = ExtensionDescriptor.invalid(id, location, "requests capability '" + c.wireName()
                        + "', which the application has not granted (grant it with WasmExtensions.builder(libraryDir)"
                        + ".grant(\"" + c.wireName() + "\"))");
                break;
            }
        }
        WasmLimits extensionLimits = limits;
        if (rejected == null) {
            try {
                extensionLimits = d.limits().apply(limits, limits, "\"limits\"");
            } catch (IllegalArgumentException e) {
                rejected = ExtensionDescriptor.invalid(id, location, e.getMessage());
            }
        }
        if (rejected != null) {
            problems.add(new ExtensionProblem(location, id, null, rejected));
        }

        List<String> ready = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        for (ExtensionDescriptor.JobEntry job : d.jobs()) {
            String dispatchName = id + ":" + job.name();
            String who = dispatchName + " (module " + job.module() + ")";
            WasmExtensionException problem = rejected;
            WasmLimits jobLimits = extensionLimits;
            byte[] module = new byte[0];
            if (problem == null) {
                try {
                    jobLimits = job.limits().apply(extensionLimits, limits, "job '" + job.name() + "' \"limits\"");
                } catch (IllegalArgumentException e) {
                    problem = new InvalidExtensionException(id, job.name(), "extension '" + id + "' (" + location + "): "
                            + e.getMessage());
                }
            }
            if (problem == null) {
                try {
                    module = files.read(job.module());
                    if (module == null) {
                        problem = new InvalidExtensionException(id, job.name(), who + ": module file " + job.module()
                                + " not found next to " + location);
                    }
                } catch (IOException e) {
                    problem = new InvalidExtensionException(id, job.name(), who + ": cannot read module: "
                            + e.getMessage(), e);
                }
            }
            if (problem == null) {
                problem = ModuleCheck.check(id, job.name(), who, module, jobLimits, d.capabilities());
            }
            if (problem != null && problem != rejected) {
                problems.add(new ExtensionProblem(location, id, dispatchName, problem));
            }
            (problem == null ? ready : broken).add(dispatchName);
            jobs.put(dispatchName, new ExtensionJob(id, job.name(), job.version(), job.resumable(), job.module(),
                    location, module == null ? new byte[0] : module, jobLimits, d.capabilities(), problem, instances));
        }
        extensions.add(new ExtensionInfo(id, d.name(), d.version(), location, ready, broken,
                d.capabilities().stream().map(WasmCapability::wireName).collect(java.util.stream.Collectors.toSet())));
    }
}
