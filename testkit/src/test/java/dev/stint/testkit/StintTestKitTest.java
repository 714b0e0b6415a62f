package dev.stint.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.DispatchOptions;
import dev.stint.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StintTestKitTest {
    @TempDir
    Path dir;

    @Test
    void a_crash_after_a_chosen_checkpoint_resumes_from_exactly_that_checkpoint() throws Exception {
        try (StintTestKit kit = StintTestKit.in(dir).catalog(KitJobs.catalog())) {
            kit.crashAfterCheckpoint("kit.count", 3);
            String id = kit.library().dispatch(new KitJobs.Count(100, 10)).id();
            kit.awaitCrash();
            assertThat(kit.hasCrashed()).isTrue();
            // straight from jobs.db, before reopening: the third checkpoint is what was committed
            assertThat(kit.storedState(id).orElseThrow().get("count").asLong()).isEqualTo(30);
            kit.reopen();
            kit.runUntilIdle();
            kit.assertJob(id).isCompleted().hasOutputJson("30").hasRunCount(2).isInHistoryOnce();
        }
    }

    @Test
    void a_crash_after_a_step_never_runs_that_step_again() throws Exception {
        KitJobs.Steps.BODIES.clear();
        try (StintTestKit kit = StintTestKit.in(dir).catalog(KitJobs.catalog())) {
            kit.crashAfterStep("kit.steps", "b");
            String id = kit.library().dispatch(new KitJobs.Steps()).id();
            kit.awaitCrash();
            assertThat(kit.committedSteps(id)).containsExactly("a", "b");
            kit.reopen();
            kit.runUntilIdle();
            kit.assertJob(id).isCompleted().hasStepsCompleted(3);
            assertThat(KitJobs.Steps.BODIES).containsExactly("a", "b", "c");
        }
    }

    @Test
    void strict_mode_fails_a_job_at_the_checkpoint_whose_state_would_not_survive_a_resume() throws Exception {
        try (StintTestKit kit = StintTestKit.in(dir).catalog(KitJobs.catalog())) {
            String id = kit.library().dispatch(new KitJobs.Loose()).id();
            kit.runUntilIdle();
            kit.assertJob(id).hasStatus(JobStatus.FAILED);
            dev.stint.JobInfo info = kit.library().job(id).orElseThrow();
            assertThat(info.error().type()).isEqualTo("dev.stint.StateRoundTripException");
            assertThat(info.error().message()).contains("field 'seen'", "at seen[2]", "java.nio.file.Path /photos/3",
                    "java.lang.String \"/photos/3\"");
            assertThat(info.checkpoints()).isEqualTo(2);   // the two before it are stored
        }
    }

    @Test
    void without_strict_mode_only_the_first_checkpoint_of_a_run_is_checked() throws Exception {
        try (StintTestKit kit = StintTestKit.in(dir).catalog(KitJobs.catalog()).strict(false)) {
            String id = kit.library().dispatch(new KitJobs.Loose()).id();
            kit.runUntilIdle();
            kit.assertJob(id).isCompleted().hasOutputJson("4");
        }
    }

    @Test
    void the_manual_clock_runs_delayed_jobs_and_assertions_explain_failures() throws Exception {
        try (StintTestKit kit = StintTestKit.in(dir).catalog(KitJobs.catalog())) {
            String id = kit.library().dispatch(new KitJobs.Count(5, 5),
                    DispatchOptions.defaults().withDelay(Duration.ofHours(2))).id();
            kit.assertJob(id).hasStatus(JobStatus.QUEUED).hasStoredField("to", 5);
            kit.clock().advance(Duration.ofHours(2));
            kit.runUntilIdle();
            kit.assertJob(id).isCompleted();
            assertThatThrownBy(() -> kit.assertJob(id).hasRunCount(7)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("run count 7").hasMessageContaining(id);
            assertThat(kit.jobsNamed("kit.count")).hasSize(1);
        }
    }
}
