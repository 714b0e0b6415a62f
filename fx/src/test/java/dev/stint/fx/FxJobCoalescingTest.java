package dev.stint.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobEvent;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Progress;
import dev.stint.fx.internal.PulseBatcher;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job reporting a million times costs the FX thread at most one update per pulse, and the final value
 * always shows.
 */
class FxJobCoalescingTest {
    private static final long MILLION = 1_000_000;

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @Test
    void aMillionEventsCostAtMostOneApplyPerPulseAndTheFinalStateShows() {
        try (Library library = TestJobs.open(dir, false)) {
            String id = library.dispatch(new TestJobs.GateJob(TestJobs.gate("synthetic"))).id();
            FxJobs jobs = Fx.fx(() -> new FxJobs(library));
            FxJob job = Fx.fx(() -> jobs.find(id).orElseThrow());
            PulseBatcher batcher = PulseBatcher.shared();
            long appliesBefore = Fx.fx(() -> FxJobs.applyCount(job));
            long pulsesBefore = batcher.pulses();

            // the engine's own coalescing is bypassed: a million events straight into the adapter
            jobs.onEvent(new JobEvent.StatusChanged(id, "fx.gate", JobStatus.QUEUED, JobStatus.RUNNING, null));
            for (long i = 1; i <= MILLION; i++) {
                jobs.onEvent(new JobEvent.ProgressUpdated(id, "fx.gate", new Progress.Count(i, MILLION)));
            }
            jobs.onEvent(new JobEvent.StatusChanged(id, "fx.gate", JobStatus.RUNNING, JobStatus.COMPLETED, null));

            Fx.until("the final state shows", () -> job.getStatus() == JobStatus.COMPLETED);
            long applies = Fx.fx(() -> FxJobs.applyCount(job)) - appliesBefore;
            long pulses = batcher.pulses() - pulsesBefore;
            assertThat(applies).as("FX updates for 1M events (pulses: %d)", pulses).isBetween(1L, pulses);
            assertThat(applies).isLessThan(1_000);
            assertThat(Fx.fx(job::getProgress)).isEqualTo(1.0);
            assertThat(Fx.fx(() -> job.doneProperty().get())).isEqualTo(MILLION);
            assertThat(Fx.fx(() -> job.messageProperty().get())).isEqualTo("1000000 / 1000000");
            assertThat(Fx.fx(() -> job.statusTextProperty().get())).isEqualTo("Completed");
            Fx.run(jobs::close);
        }
    }

    @Test
    void aRealJobReportingAMillionTimesEndsAtItsFinalValue() throws Exception {
        try (Library library = TestJobs.open(dir, false)) {
            String id = library.dispatch(new TestJobs.ChattyJob()).id();
            FxJob job = Fx.fx(() -> FxJob.of(library, id));
            assertThat(Fx.fx(job::getStatus)).isEqualTo(JobStatus.QUEUED);
            long pulsesBefore = PulseBatcher.shared().pulses();
            long appliesBefore = Fx.fx(() -> FxJobs.applyCount(job));

            library.start();

            Fx.until("the job completes on screen", () -> job.getStatus() == JobStatus.COMPLETED);
            long applies = Fx.fx(() -> FxJobs.applyCount(job)) - appliesBefore;
            long pulses = PulseBatcher.shared().pulses() - pulsesBefore;
            assertThat(applies).as("FX updates (pulses: %d)", pulses).isBetween(1L, pulses);
            assertThat(Fx.fx(job::getProgress)).isEqualTo(1.0);
            assertThat(Fx.fx(() -> job.doneProperty().get())).isEqualTo(MILLION);
            assertThat(Fx.fx(() -> job.totalProperty().get())).isEqualTo(MILLION);
            assertThat(Fx.fx(() -> job.etaProperty().get())).isNull();
            job.close();
        }
    }
}
