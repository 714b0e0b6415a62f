package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.InvalidJobArgumentsException;
import dev.stint.Job;
import dev.stint.Library;
import dev.stint.UnknownJobTypeException;
import dev.stint.jobs.CountJob;
import dev.stint.spi.JobCatalog;
import dev.stint.spi.JobDescriptor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job types defined at run time: one class serving several names, built by a factory from JSON. */
class ArgumentsFactoryTest {
    @TempDir
    Path dir;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static JobDescriptor counter(String name, long to) {
        return new JobDescriptor(name, 1, true, (Class) CountJob.class, CountJob.Result.class, json -> {
            if (json.contains("bad")) {
                throw new IllegalArgumentException("bad is not allowed");
            }
            return new CountJob(to, 1, 0, null);
        });
    }

    @Test
    void dispatch_by_name_uses_the_descriptors_factory() throws Exception {
        JobCatalog catalog = () -> List.of(counter("ext:three", 3), counter("ext:four", 4));
        try (Library library = Library.builder(dir).catalog(catalog).useServiceLoader(false).open()) {
            assertThat(library.dispatch("ext:three", "{}").result().get(10, TimeUnit.SECONDS))
                    .isEqualTo(new CountJob.Result(6, 0));
            assertThat(library.dispatch("ext:four", "").result().get(10, TimeUnit.SECONDS))
                    .isEqualTo(new CountJob.Result(10, 0));
            assertThatThrownBy(() -> library.dispatch("ext:four", "{\"bad\": 1}"))
                    .isInstanceOf(InvalidJobArgumentsException.class).hasMessageContaining("bad is not allowed");
            // a class that serves several names cannot be dispatched by type
            Job<CountJob.Result> direct = new CountJob(1, 1, 0, null);
            assertThatThrownBy(() -> library.dispatch(direct)).isInstanceOf(UnknownJobTypeException.class);
            assertThat(library.history(10)).hasSize(2);
        }
    }
}
