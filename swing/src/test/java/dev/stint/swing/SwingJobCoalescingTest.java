package dev.stint.swing;

import static dev.stint.swing.Edt.edt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobEvent;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Progress;
import dev.stint.swing.internal.FrameBatcher;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job reporting a million times costs the event dispatch thread at most one update per frame (never more
 * than one pending on the event queue), property changes fire on the EDT only, and the final value always
 * shows.
 */
class SwingJobCoalescingTest {
    private static final long MILLION = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void aMillionEventsCostAtMostOneApplyPerFrameAndTheFinalStateShows() {
        try (Library library = TestJobs.open(dir, false)) {
            String id = library.dispatch(new TestJobs.GateJob(TestJobs.gate("synthetic"))).id();
            JobsTableModel jobs = edt(() -> new JobsTableModel(library));
            SwingJob job = jobs.find(id).orElseThrow();
            List<String> offEdt = new CopyOnWriteArrayList<>();
            AtomicInteger progressEvents = new AtomicInteger();
            AtomicInteger rowUpdates = new AtomicInteger();
            Edt.run(() -> {
                job.addPropertyChangeListener(e -> {
                    if (!SwingUtilities.isEventDispatchThread()) {
                        offEdt.add(e.getPropertyName());
                    }
                });
                job.addPropertyChangeListener(SwingJob.PROGRESS, e -> progressEvents.incrementAndGet());
                jobs.addTableModelListener(e -> rowUpdates.incrementAndGet());
            });
            FrameBatcher batcher = FrameBatcher.shared();
            long appliesBefore = edt(() -> JobsTableModel.applyCount(job));
            long framesBefore = batcher.frames();

            // the engine's own coalescing is bypassed: a million events straight into the adapter
            jobs.onEvent(new JobEvent.StatusChanged(id, "swing.gate", JobStatus.QUEUED, JobStatus.RUNNING, null));
            for (long i = 1; i <= MILLION; i++) {
                jobs.onEvent(new JobEvent.ProgressUpdated(id, "swing.gate", new Progress.Count(i, MILLION)));
            }
            jobs.onEvent(new JobEvent.StatusChanged(id, "swing.gate", JobStatus.RUNNING, JobStatus.COMPLETED, null));

            Edt.until("the final state shows", () -> job.getStatus() == JobStatus.COMPLETED);
            long applies = edt(() -> JobsTableModel.applyCount(job)) - appliesBefore;
            long frames = batcher.frames() - framesBefore;
            assertThat(applies).as("EDT updates for 1M events (frames: %d)", frames).isBetween(1L, frames);
            assertThat(applies).isLessThan(1_000);
            assertThat(progressEvents.get()).as("progress property changes").isBetween(1, (int) applies);
            assertThat(rowUpdates.get()).as("table row updates").isBetween(1, (int) applies + 1);
            assertThat(edt(job::getProgress)).isEqualTo(1.0);
            assertThat(edt(job::getDone)).isEqualTo(MILLION);
            assertThat(edt(job::getMessage)).isEqualTo("1000000 / 1000000");
            assertThat(edt(job::getStatusText)).isEqualTo("Completed");
            assertThat(edt(() -> jobs.getValueAt(0, JobsTableModel.STATUS_COLUMN))).isEqualTo("Completed");
            assertThat(offEdt).as("property changes fired off the EDT").isEmpty();
            jobs.close();
        }
    }

    @Test
    void aRealJobReportingAMillionTimesEndsAtItsFinalValue() throws Exception {
        try (Library library = TestJobs.open(dir, false)) {
            String id = library.dispatch(new TestJobs.ChattyJob()).id();
            SwingJob job = edt(() -> SwingJob.of(library, id));
            assertThat(edt(job::getStatus)).as("filled in at once on the EDT").isEqualTo(JobStatus.QUEUED);
            List<Object> statuses = new CopyOnWriteArrayList<>();
            List<String> offEdt = new CopyOnWriteArrayList<>();
            Edt.run(() -> job.addPropertyChangeListener(SwingJob.STATUS, e -> {
                statuses.add(e.getNewValue());
                if (!SwingUtilities.isEventDispatchThread()) {
                    offEdt.add(e.getPropertyName());
                }
            }));
            long framesBefore = FrameBatcher.shared().frames();
            long appliesBefore = edt(() -> JobsTableModel.applyCount(job));

            library.start();

            Edt.until("the job completes on screen", () -> job.getStatus() == JobStatus.COMPLETED);
            long applies = edt(() -> JobsTableModel.applyCount(job)) - appliesBefore;
            long frames = FrameBatcher.shared().frames() - framesBefore;
            assertThat(applies).as("EDT updates (frames: %d)", frames).isBetween(1L, frames);
            assertThat(edt(job::getProgress)).isEqualTo(1.0);
            assertThat(edt(job::getDone)).isEqualTo(MILLION);
            assertThat(edt(job::getTotal)).isEqualTo(MILLION);
            assertThat(edt(job::getEta)).isNull();
            assertThat(statuses).last().isEqualTo(JobStatus.COMPLETED);
            assertThat(offEdt).isEmpty();
            job.close();
        }
    }

    @Test
    void aJobObservedOffTheEdtIsFilledInAtTheNextFrame() {
        try (Library library = TestJobs.open(dir, false)) {
            String id = library.dispatch(new TestJobs.GateJob(TestJobs.gate("off-edt"))).id();
            SwingJob job = SwingJob.of(library, id);
            Edt.until("the first record shows", () -> job.getStatus() == JobStatus.QUEUED
                    && job.getInfo() != null && job.getStatusText().equals("Queued"));
            assertThat(edt(job::getProgress)).isZero();
            job.close();
        }
    }
}
