package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import dev.stint.Library;
import dev.stint.UnknownJobTypeException;
import dev.stint.it.uncatalogued.LostJob;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dispatching an object whose class no catalog registers says why and what to do, after the type's name (never
 * inside it). The module-path cases are in {@link ModulePathErrorsTest}.
 */
class UnknownJobClassTest {

    /** Annotated, but compiled without the processor (core's tests never run it). */
    @JobType(name = "test.unprocessed", version = 1)
    public static class UnprocessedJob implements Job<Void> {
        @Override
        public Void run(JobContext ctx) {
            return null;
        }
    }

    /** Not annotated at all. */
    public static class PlainJob implements Job<Void> {
        @Override
        public Void run(JobContext ctx) {
            return null;
        }
    }

    @TempDir
    Path dir;

    @Test
    void an_annotated_class_without_a_generated_catalog_says_the_processor_did_not_run() {
        try (Library library = TestLibraries.open(dir)) {
            assertThatThrownBy(() -> library.dispatch(new UnprocessedJob()))
                    .isInstanceOfSatisfying(UnknownJobTypeException.class, e -> {
                        org.assertj.core.api.Assertions.assertThat(e.jobName()).isEqualTo("test.unprocessed");
                        org.assertj.core.api.Assertions.assertThat(e.hint()).isPresent();
                    })
                    .hasMessageStartingWith("unknown job type 'test.unprocessed': class " + UnprocessedJob.class.getName()
                            + " is annotated @JobType(name = \"test.unprocessed\", version = 1) but is in no registered"
                            + " catalog: the registry processor did not run on it (no dev.stint.it.StintJobCatalog was"
                            + " generated")
                    .hasMessageContaining("annotation processor path and compile with -proc:full")
                    .hasMessageContaining("or pass the catalog: Library.builder(dir).catalog(new dev.stint.it.StintJobCatalog())")
                    .hasMessageContaining("; known types: ");
        }
    }

    @Test
    void a_catalog_that_exists_but_was_not_given_is_named() {
        try (Library library = TestLibraries.open(dir)) {
            assertThatThrownBy(() -> library.dispatch(new LostJob()))
                    .isInstanceOf(UnknownJobTypeException.class)
                    .hasMessageStartingWith("unknown job type 'test.lost': class dev.stint.it.uncatalogued.LostJob is"
                            + " annotated @JobType(name = \"test.lost\", version = 2) but is in no registered catalog: its"
                            + " catalog dev.stint.it.uncatalogued.StintJobCatalog exists but was not found")
                    .hasMessageContaining("or pass it: Library.builder(dir).catalog(new"
                            + " dev.stint.it.uncatalogued.StintJobCatalog())");
        }
    }

    @Test
    void a_class_without_job_type_is_named_as_such() {
        try (Library library = TestLibraries.open(dir)) {
            assertThatThrownBy(() -> library.dispatch(new PlainJob()))
                    .isInstanceOf(UnknownJobTypeException.class)
                    .hasMessageStartingWith("unknown job type '" + PlainJob.class.getName() + "': class "
                            + PlainJob.class.getName() + " has no @JobType: annotate it");
        }
    }
}
