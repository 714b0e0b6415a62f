package dev.stint.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.NonResumableJob;
import dev.stint.jobs.TreeJob;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobCatalogTest {
    @Test
    void a_catalog_from_annotations_has_the_descriptors_the_processor_would_generate() {
        JobCatalog catalog = JobCatalog.of(CountJob.class, NonResumableJob.class, TreeJob.class);
        assertThat(catalog.jobs()).extracting(JobDescriptor::name, JobDescriptor::version, JobDescriptor::resumable,
                JobDescriptor::outputType).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("test.count", 1, true, CountJob.Result.class),
                        org.assertj.core.groups.Tuple.tuple("test.nonresumable", 1, false, String.class),
                        org.assertj.core.groups.Tuple.tuple("test.tree", 1, true, List.class));
    }

    static class NotAnnotated implements Job<Void> {
        @Override
        public Void run(JobContext ctx) {
            return null;
        }
    }

    @Test
    void a_class_without_job_type_is_refused() {
        assertThatThrownBy(() -> JobCatalog.of(NotAnnotated.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no @JobType");
    }
}
