package dev.stint.bench;

import dev.stint.spi.JobCatalog;
import dev.stint.spi.JobDescriptor;
import java.util.List;

/**
 * The benchmark's job catalog, built at run time from the {@code @JobType} annotations with
 * {@link JobCatalog#of} (this module does not run the registry processor).
 */
public final class BenchCatalog implements JobCatalog {
    private final JobCatalog catalog = JobCatalog.of(BenchJobs.NoopJob.class, BenchJobs.CheckpointJob.class,
            BenchJobs.ProbeJob.class, BenchJobs.ProgressJob.class, BenchJobs.FlakyNoopJob.class,
            BenchJobs.HolderJob.class);

    @Override
    public List<JobDescriptor> jobs() {
        return catalog.jobs();
    }
}
