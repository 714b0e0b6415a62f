package dev.stint.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.stint.JobNotFoundException;
import dev.stint.Library;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FxJob#of}: an unknown id fails as it does in core. */
class FxJobTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @Test
    void anUnknownIdThrowsJobNotFoundExceptionLikeCore() {
        try (Library library = TestJobs.open(dir, false)) {
            assertThatThrownBy(() -> FxJob.of(library, "no-such-job"))
                    .isInstanceOf(JobNotFoundException.class)
                    .hasMessageContaining("no-such-job")
                    .satisfies(e -> assertThat(((JobNotFoundException) e).jobId()).hasValue("no-such-job"));

            Throwable onFx = Fx.fx(() -> catchThrowable(() -> FxJob.of(library, "no-such-job")));
            assertThat(onFx).as("on the FX thread too").isInstanceOf(JobNotFoundException.class);

            Throwable fromCore = catchThrowable(() -> library.pause("no-such-job"));
            assertThat(fromCore).as("core's own answer").isInstanceOf(JobNotFoundException.class);
        }
    }
}
