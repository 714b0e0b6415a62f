package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.spi.JobCatalog;
import dev.stint.spi.JobDescriptor;
import java.util.List;

/**
 * Core's tests cannot run the registry processor (it is built after core), so they build catalogs from the
 * annotations at run time with {@link JobCatalog#of}.
 */
public final class TestCatalog implements JobCatalog {
    private final JobCatalog catalog;

    @SafeVarargs
    public TestCatalog(Class<? extends Job<?>>... classes) {
        this.catalog = JobCatalog.of(classes);
    }

    /** Every test job of this package. */
    public static TestCatalog all() {
        return new TestCatalog(CountJob.class, SlowJob.class, FailingJob.class, ChattyJob.class, StubbornJob.class,
                NonResumableJob.class, FlakyJob.class, LoggingJob.class, StepsJob.class, BatchJob.class, TreeJob.class,
                BatchSideJob.class, SizedJob.class, GrowingJob.class, SwallowingParentJob.class,
                DeepCheckpointJob.class, SelfInterruptingJob.class, ErrorSpammerJob.class, GatedParentJob.class,
                ProbeJob.class, HoldJob.class);
    }

    @Override
    public List<JobDescriptor> jobs() {
        return catalog.jobs();
    }
}
