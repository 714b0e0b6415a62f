package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.jobs.GatedParentJob;
import dev.stint.jobs.SlowJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pause or cancel asked of a parent while it runs on from its spawn to its wait for the children (without
 * checking for interruption in between) is honoured when the run ends in that wait: it is not lost to the
 * "waiting for children" queueing.
 */
class ParentControlRaceTest {
    @TempDir
    Path dir;

    @Test
    void a_pause_asked_just_before_the_wait_leaves_the_parent_paused_and_a_resume_finishes_it() throws Exception {
        SlowJob.prepare("pause-parent");
        SlowJob.prepare("pause-child");
        try (Library library = TestLibraries.open(dir)) {
            String parent = library.dispatch(new GatedParentJob("pause-parent", "pause-child")).id();
            assertThat(SlowJob.awaitReached("pause-parent")).isTrue();
            library.pause(parent);
            SlowJob.open("pause-parent"); // the parent goes on to awaitChildren, its child still active
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> library.job(parent).orElseThrow().status() == JobStatus.PAUSED);
            assertThat(library.job(parent).orElseThrow().status()).as("still paused, not waiting").isEqualTo(JobStatus.PAUSED);

            library.resume(parent);
            SlowJob.open("pause-child");
            assertThat(library.handle(parent, Integer.class).orElseThrow().result().get(20, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    @Test
    void a_cancel_asked_just_before_the_wait_cancels_the_parent() throws Exception {
        SlowJob.prepare("cancel-parent");
        SlowJob.prepare("cancel-child");
        try (Library library = TestLibraries.open(dir)) {
            String parent = library.dispatch(new GatedParentJob("cancel-parent", "cancel-child")).id();
            assertThat(SlowJob.awaitReached("cancel-parent")).isTrue();
            library.cancel(parent);
            SlowJob.open("cancel-parent");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> library.job(parent).orElseThrow().status() == JobStatus.CANCELLED);
            SlowJob.open("cancel-child");
            assertThat(library.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(library.job(parent).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        }
    }
}
