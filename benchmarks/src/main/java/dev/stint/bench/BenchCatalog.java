package dev.stint.bench;

import dev.stint.Job;
import dev.stint.JobType;
import dev.stint.spi.JobCatalog;
import dev.stint.spi.JobDescriptor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's job catalog, built at run time from the {@link JobType} annotations: the same
 * descriptors the registry processor would generate (this module does not run the processor).
 */
public final class BenchCatalog implements JobCatalog {
    private final List<JobDescriptor> jobs;

    /** The catalog of every job in {@link BenchJobs}. */
    public BenchCatalog() {
        this(BenchJobs.NoopJob.class, BenchJobs.CheckpointJob.class, BenchJobs.ProbeJob.class,
                BenchJobs.ProgressJob.class, BenchJobs.FlakyNoopJob.class);
    }

    @SafeVarargs
    private BenchCatalog(Class<? extends Job<?>>... classes) {
        List<JobDescriptor> list = new ArrayList<>();
        for (Class<? extends Job<?>> c : classes) {
            JobType t = c.getAnnotation(JobType.class);
            list.add(new JobDescriptor(t.name(), t.version(), t.resumable(), c, outputType(c)));
        }
        this.jobs = List.copyOf(list);
    }

    private static Class<?> outputType(Class<?> c) {
        for (Type t : c.getGenericInterfaces()) {
            if (t instanceof ParameterizedType p && p.getRawType() == Job.class
                    && p.getActualTypeArguments()[0] instanceof Class<?> out) {
                return out;
            }
        }
        return Object.class;
    }

    @Override
    public List<JobDescriptor> jobs() {
        return jobs;
    }
}
