package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobFailedException;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.JobType;
import dev.stint.Library;
import dev.stint.StateRoundTripException;
import dev.stint.jobs.TestCatalog;
import dev.stint.spi.TestHooks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose data would not come back as it is after a resume fails on its first run (or its dispatch
 * fails), with an error naming the step or field, its declared type and what came back: never later, after a
 * pause or a crash.
 */
class ResumeFidelityTest {

    static final AtomicInteger SCANS = new AtomicInteger();

    /** The example docs/writing-jobs.md §11 gave before: a list of paths declared as {@code List.class}. */
    @JobType(name = "fidelity.raw-step", version = 1)
    public static class RawStepJob implements Job<Integer> {
        @Override
        @SuppressWarnings("unchecked")
        public Integer run(JobContext ctx) throws Exception {
            List<Path> files = ctx.step("discover", List.class, () -> {
                SCANS.incrementAndGet();
                return List.of(Path.of("/photos/a.jpg"), Path.of("/photos/b.jpg"));
            });
            return files.size();
        }
    }

    /** Holds anything: fine while it holds plain data, not once it holds a path. */
    @JobType(name = "fidelity.loose-field", version = 1)
    public static class LooseFieldJob implements Job<Integer> {
        List<Object> seen = new ArrayList<>();
        int pathAtCheckpoint;

        public LooseFieldJob() {
        }

        public LooseFieldJob(List<Object> seen, int pathAtCheckpoint) {
            this.seen = new ArrayList<>(seen);
            this.pathAtCheckpoint = pathAtCheckpoint;
        }

        @Override
        public Integer run(JobContext ctx) {
            for (int i = 1; i <= 3; i++) {
                seen.add(i == pathAtCheckpoint ? Path.of("/photos/" + i) : "item " + i);
                ctx.checkpoint();
            }
            return seen.size();
        }
    }

    @JobType(name = "fidelity.results", version = 1)
    public static class PathResultsJob implements Job<Void> {
        @Override
        public Void run(JobContext ctx) {
            ctx.mergeResults(Map.of("folder", Path.of("/photos")));
            return null;
        }
    }

    @TempDir
    Path dir;

    private Library.Builder builder() {
        return Library.builder(dir).catalog(new TestCatalog(RawStepJob.class, LooseFieldJob.class,
                PathResultsJob.class)).useServiceLoader(false).powerSafe(false);
    }

    private static void failureOf(JobHandle<?> handle) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> handle.result().join());
        assertThat(thrown).isInstanceOf(CompletionException.class).hasCauseInstanceOf(JobFailedException.class);
    }

    @Test
    void a_step_declared_as_a_raw_list_of_paths_fails_its_first_run_naming_the_step_and_types() throws Exception {
        SCANS.set(0);
        try (Library library = builder().open()) {
            JobHandle<Integer> handle = library.dispatch(new RawStepJob());
            failureOf(handle);
            JobInfo info = library.job(handle.id()).orElseThrow();
            assertThat(info.status()).isEqualTo(JobStatus.FAILED);
            assertThat(info.error().type()).isEqualTo(StateRoundTripException.class.getName());
            assertThat(info.error().message()).contains("step 'discover'", "declared as java.util.List",
                    "java.nio.file.Path /photos/a.jpg at [0]", "comes back as java.lang.String \"/photos/a.jpg\"",
                    "new TypeRef<List<...>>() {}");
            assertThat(info.stepsCompleted()).isZero();   // nothing stored that a resume would trip over
            assertThat(SCANS).hasValue(1);
        }
    }

    @Test
    void a_dispatch_whose_state_would_not_come_back_fails_naming_the_field_and_stores_nothing() {
        try (Library library = builder().open()) {
            assertThatThrownBy(() -> library.dispatch(new LooseFieldJob(List.of(Path.of("/photos")), 0)))
                    .isInstanceOfSatisfying(StateRoundTripException.class, e -> {
                        assertThat(e.where()).isEqualTo("field 'seen'");
                        assertThat(e.path()).isEqualTo("seen[0]");
                        assertThat(e.declaredType()).isEqualTo("java.util.List<java.lang.Object>");
                        assertThat(e.stored()).isEqualTo("java.nio.file.Path /photos");
                        assertThat(e.cameBack()).isEqualTo("java.lang.String \"/photos\"");
                    });
            assertThat(library.activeJobs()).isEmpty();
        }
    }

    @Test
    void the_first_checkpoint_of_a_run_is_checked() throws Exception {
        try (Library library = builder().open()) {
            JobHandle<Integer> handle = library.dispatch(new LooseFieldJob(List.of(), 1));
            failureOf(handle);
            JobInfo info = library.job(handle.id()).orElseThrow();
            assertThat(info.error().type()).isEqualTo(StateRoundTripException.class.getName());
            assertThat(info.error().message()).contains("field 'seen'", "seen[0]");
            assertThat(info.checkpoints()).isZero();
        }
    }

    @Test
    void a_later_checkpoint_is_checked_only_in_strict_mode() throws Exception {
        try (Library library = builder().open()) {
            JobHandle<Integer> handle = library.dispatch(new LooseFieldJob(List.of(), 2));
            assertThat(handle.result().get(30, TimeUnit.SECONDS)).isEqualTo(3);   // only the first is checked
        }
        try (Library library = TestHooks.withStrictRoundTrips(builder()).open()) {
            JobHandle<Integer> handle = library.dispatch(new LooseFieldJob(List.of(), 2));
            failureOf(handle);
            JobInfo info = library.job(handle.id()).orElseThrow();
            assertThat(info.error().message()).contains("field 'seen'", "at seen[1]");
            assertThat(info.checkpoints()).isEqualTo(1);
        }
    }

    @Test
    void intermediate_results_that_would_not_come_back_fail_the_merge() throws Exception {
        try (Library library = builder().open()) {
            JobHandle<Void> handle = library.dispatch(new PathResultsJob());
            failureOf(handle);
            JobInfo info = library.job(handle.id()).orElseThrow();
            assertThat(info.error().message()).contains("intermediate results", "[folder]",
                    "Intermediate results hold plain data");
            assertThat(info.resultsJson()).isNull();
        }
    }
}
