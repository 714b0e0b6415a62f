package dev.stint.spi;

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
}
