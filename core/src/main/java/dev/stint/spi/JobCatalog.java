package dev.stint.spi;

import dev.stint.Job;
import dev.stint.JobType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled list of job types.
 *
 * <p>The {@code registry-processor} generates one implementation per compilation (a class named
 * {@code StintJobCatalog} in the package given by the processor option {@code stint.catalogPackage},
 * or the package shared by the annotated jobs), and registers it in
 * {@code META-INF/services/dev.stint.spi.JobCatalog} so that {@link java.util.ServiceLoader} finds it on
 * the class path. On the module path, declare {@code provides dev.stint.spi.JobCatalog with ...} in the
 * application's {@code module-info.java}, or pass the catalog to the library builder explicitly.
 */
public interface JobCatalog {

    /** The job types of this catalog, in a stable order. */
    List<JobDescriptor> jobs();

    /**
     * A catalog built at run time from the {@link JobType} annotations of the given classes: the same
     * descriptors the registry processor generates, without its compile-time checks. Meant for tests and
     * tools that do not run the processor; applications should prefer the generated catalog.
     *
     * @throws IllegalArgumentException if a class has no {@link JobType} annotation
     */
    @SafeVarargs
    static JobCatalog of(Class<? extends Job<?>>... classes) {
        List<JobDescriptor> jobs = new ArrayList<>();
        for (Class<? extends Job<?>> c : classes) {
            JobType t = c.getAnnotation(JobType.class);
            if (t == null) {
                throw new IllegalArgumentException(c.getName() + " has no @JobType annotation");
            }
            jobs.add(new JobDescriptor(t.name(), t.version(), t.resumable(), c, outputType(c)));
        }
        List<JobDescriptor> frozen = List.copyOf(jobs);
        return () -> frozen;
    }

    /** The erasure of the {@code O} of {@code Job<O>} a class implements, or {@code Object}. */
    private static Class<?> outputType(Class<?> c) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Type t : k.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == Job.class) {
                    Type out = p.getActualTypeArguments()[0];
                    if (out instanceof Class<?> cls) {
                        return cls;
                    }
                    if (out instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> raw) {
                        return raw;
                    }
                    return Object.class;
                }
            }
        }
        return Object.class;
    }
}
