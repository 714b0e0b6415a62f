package dev.stint.internal.exec;

import dev.stint.DuplicateJobTypeException;
import dev.stint.spi.JobCatalog;
import dev.stint.spi.JobDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The job types a library knows: from explicitly given catalogs and, optionally, those found with
 * {@link ServiceLoader}. A stored job's name and version select its class here and nowhere else.
 */
public final class JobRegistry {
    private final Map<String, TreeMap<Integer, JobDescriptor>> byName = new HashMap<>();
    private final Map<Class<?>, JobDescriptor> byClass = new HashMap<>();

    private JobRegistry() {
    }

    /**
     * Builds the registry.
     *
     * @throws DuplicateJobTypeException if two different classes claim one name and version
     */
    public static JobRegistry load(List<JobCatalog> explicit, boolean useServiceLoader) {
        List<JobCatalog> catalogs = new ArrayList<>(explicit);
        if (useServiceLoader) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            ServiceLoader.load(JobCatalog.class, loader != null ? loader : JobRegistry.class.getClassLoader())
                    .forEach(catalogs::add);
        }
        JobRegistry registry = new JobRegistry();
        for (JobCatalog catalog : catalogs) {
            for (JobDescriptor d : catalog.jobs()) {
                registry.add(d);
            }
        }
        return registry;
    }

    private void add(JobDescriptor d) {
        TreeMap<Integer, JobDescriptor> versions = byName.computeIfAbsent(d.name(), k -> new TreeMap<>());
        JobDescriptor existing = versions.get(d.version());
        if (existing != null) {
            if (existing.jobClass() == d.jobClass()) {
                return; // the same catalog found twice (explicit and ServiceLoader)
            }
            throw new DuplicateJobTypeException(d.key(), existing.jobClass().getName(), d.jobClass().getName());
        }
        versions.put(d.version(), d);
        if (d.argumentsFactory() != null) {
            return; // one class serving many names: dispatched by name only
        }
        JobDescriptor sameClass = byClass.putIfAbsent(d.jobClass(), d);
        if (sameClass != null && sameClass.version() < d.version()) {
            byClass.put(d.jobClass(), d);
        }
    }

    /** The newest registered version of a job type. */
    public Optional<JobDescriptor> byName(String name) {
        TreeMap<Integer, JobDescriptor> versions = byName.get(name);
        return versions == null ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    /** The descriptor of a job class. */
    public Optional<JobDescriptor> byClass(Class<?> type) {
        return Optional.ofNullable(byClass.get(type));
    }

    /** Each registered name with its newest version, by name. */
    public java.util.SortedMap<String, Integer> newestVersions() {
        java.util.TreeMap<String, Integer> names = new java.util.TreeMap<>();
        byName.forEach((name, versions) -> names.put(name, versions.lastKey()));
        return names;
    }

    /** The registered names, sorted, for error messages. */
    public String knownNames() {
        List<String> names = new ArrayList<>(byName.keySet());
        Collections.sort(names);
        return names.isEmpty() ? "(none registered)" : String.join(", ", names);
    }
}
