package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.sample.jobs.CountJob;
import dev.stint.testkit.StintTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo jobs under the test kit: crash right after a chosen commit, reopen, check what was redone. */
class DemoJobsCrashTest {
    @TempDir
    Path dir;

    @Test
    void demo_steps_crashed_after_s2_never_runs_s1_or_s2_again() throws Exception {
        try (StintTestKit kit = StintTestKit.in(dir)) {
            kit.crashAfterStep("demo.steps", "s2");
            String id = kit.library().dispatch("demo.steps", "{\"steps\": 4, \"sleepMillis\": 1}").id();
            kit.awaitCrash();
            assertThat(kit.committedSteps(id)).containsExactly("s1", "s2");
            kit.reopen();
            kit.runUntilIdle();
            kit.assertJob(id).isCompleted().hasOutputJson("{\"completedSteps\": 4}").hasStepsCompleted(4).hasRunCount(2);
            assertThat(Files.readAllLines(dir.resolve("steps.log"))).containsExactly("s1", "s2", "s3", "s4");
        }
    }

    @Test
    void demo_count_crashed_after_its_second_checkpoint_resumes_from_it() throws Exception {
        try (StintTestKit kit = StintTestKit.in(dir)) {
            kit.crashAfterCheckpoint("demo.count", 2);
            String id = kit.library().dispatch(new CountJob(50, 10, 0)).id();
            kit.awaitCrash();
            kit.assertJob(id).hasStoredField("count", 20);
            kit.reopen();
            kit.runUntilIdle();
            kit.assertJob(id).isCompleted().hasOutputJson("{\"sum\": 1275, \"resumedFrom\": 20}").isInHistoryOnce();
        }
    }

}
