package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobType;
import dev.stint.spi.JobCatalog;
import dev.stint.spi.JobDescriptor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Core's tests cannot run the registry processor (it is built after core), so they build catalogs from
 * the annotation at run time, the same descriptors the processor would generate.
 */
public final class TestCatalog implements JobCatalog {
    private final List<JobDescriptor> jobs;

    @SafeVarargs
    public TestCatalog(Class<? extends Job<?>>... classes) {
        List<JobDescriptor> list = new ArrayList<>();
        for (Class<? extends Job<?>> c : classes) {
            JobType t = c.getAnnotation(JobType.class);
            list.add(new JobDescriptor(t.name(), t.version(), t.resumable(), c, outputType(c)));
        }
        this.jobs = List.copyOf(list);
    }

    /** Every test job of this package. */
    public static TestCatalog all() {
        return new TestCatalog(CountJob.class, SlowJob.class, FailingJob.class, ChattyJob.class, StubbornJob.class,
                NonResumableJob.class, FlakyJob.class, LoggingJob.class, StepsJob.class, BatchJob.class, TreeJob.class, BatchSideJob.class);
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
