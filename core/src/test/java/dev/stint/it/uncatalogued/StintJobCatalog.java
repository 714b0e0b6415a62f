package dev.stint.it.uncatalogued;

import dev.stint.spi.JobCatalog;
import dev.stint.spi.JobDescriptor;
import java.util.List;

/** Stands for the catalog the registry processor generates in a job's package. */
public final class StintJobCatalog implements JobCatalog {
    @Override
    public List<JobDescriptor> jobs() {
        return JobCatalog.of(LostJob.class).jobs();
    }
}
