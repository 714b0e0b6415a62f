package dev.stint.swing;

import static dev.stint.swing.Edt.edt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;
import javax.swing.event.TableModelEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table model follows the engine: dispatch, progress, pause, resume, finish, retry, history limits. */
class JobsTableModelTest {

    @TempDir
    Path dir;

    @Test
    void aDispatchedJobAppearsAsARowAndItsActionsFollowItsStatus() throws Exception {
        try (Library library = TestJobs.open(dir, true)) {
            JobsTableModel jobs = edt(() -> new JobsTableModel(library));
            assertThat(edt(jobs::getRowCount)).isZero();
            List<Integer> events = new CopyOnWriteArrayList<>();
            Edt.run(() -> jobs.addTableModelListener(e -> events.add(e.getType())));

            String gate = TestJobs.gate("actions");
            String id = library.dispatch(new TestJobs.GateJob(gate)).id();

            Edt.until("the job appears and runs", () -> jobs.getRowCount() == 1
                    && jobs.getValueAt(0, JobsTableModel.STATUS_COLUMN).equals("Running") && jobs.getJob(0).getProgress() > 0);
            assertThat(events).first().isEqualTo(TableModelEvent.INSERT);
            assertThat(events).contains(TableModelEvent.UPDATE);
            SwingJob job = edt(() -> jobs.getJob(0));
            assertThat(job.id()).isEqualTo(id);
            assertThat(edt(() -> jobs.getValueAt(0, JobsTableModel.NAME_COLUMN))).isEqualTo("swing.gate");
            assertThat(edt(() -> jobs.getValueAt(0, JobsTableModel.PROGRESS_COLUMN))).isSameAs(job);
            assertThat(edt(() -> jobs.getColumnClass(JobsTableModel.PROGRESS_COLUMN))).isEqualTo(SwingJob.class);
            assertEnabled(job, true, false, true, false);

            edt(() -> job.pauseAction().execute()).get(30, TimeUnit.SECONDS);
            Edt.until("paused", () -> job.getStatus() == JobStatus.PAUSED);
            assertThat(edt(() -> jobs.getValueAt(0, JobsTableModel.STATUS_COLUMN))).isEqualTo("Paused");
            Edt.until("the note says it stays paused", () -> ((String) jobs.getValueAt(0, JobsTableModel.NOTE_COLUMN))
                    .contains("stays paused"));
            assertThat(edt(job::getProgress)).isBetween(0.01, 0.99);
            assertEnabled(job, false, true, true, false);

            edt(() -> job.resumeAction().execute()).get(30, TimeUnit.SECONDS);
            Edt.until("running again", () -> job.getStatus() == JobStatus.RUNNING);
            assertEnabled(job, true, false, true, false);

            TestJobs.open(gate);
            Edt.until("completed", () -> job.getStatus() == JobStatus.COMPLETED);
            assertThat(edt(job::getProgress)).isEqualTo(1.0);
            assertThat(edt(job::getMessage)).isEqualTo("100 / 100");
            assertThat(edt(job::getEtaText)).isEmpty();
            assertEnabled(job, false, false, false, false);

            Throwable refused = edt(() -> job.pauseAction().execute()).handle((v, t) -> t).get();
            assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("Pause is not available");
            jobs.close();
        }
    }

    @Test
    void pausingARunningJobShowsPausingUntilItStops() throws Exception {
        try (Library library = TestJobs.open(dir, true)) {
            JobsTableModel jobs = edt(() -> new JobsTableModel(library));
            String gate = TestJobs.gate("pausing");
            String id = library.dispatch(new TestJobs.GateJob(gate)).id();
            Edt.until("running", () -> jobs.find(id).map(SwingJob::getStatus).orElse(null) == JobStatus.RUNNING);
            SwingJob job = jobs.find(id).orElseThrow();

            // the status text says Pausing… only while the pause is pending; either way it ends Paused
            List<Object> texts = new CopyOnWriteArrayList<>();
            Edt.run(() -> job.addPropertyChangeListener(SwingJob.STATUS_TEXT, e -> texts.add(e.getNewValue())));
            edt(() -> job.pauseAction().execute()).get(30, TimeUnit.SECONDS);
            Edt.until("paused", () -> job.getStatus() == JobStatus.PAUSED);
            assertThat(texts).last().isEqualTo("Paused");
            assertThat(texts).allMatch(t -> t.equals("Pausing…") || t.equals("Paused"));
            TestJobs.open(gate);
            jobs.close();
        }
    }

    @Test
    void aFailedJobCanBeRetriedThroughTheApplicationsHandler() throws Exception {
        try (Library library = TestJobs.open(dir, true)) {
            JobsTableModel jobs = edt(() -> new JobsTableModel(library));
            String id = library.dispatch(new TestJobs.FailJob()).id();
            Edt.until("failed", () -> jobs.find(id).map(SwingJob::getStatus).orElse(null) == JobStatus.FAILED);
            SwingJob failed = jobs.find(id).orElseThrow();
            Edt.until("its error shows", () -> failed.getNote().contains("fails on purpose"));
            assertThat(edt(() -> failed.getError().message())).isEqualTo("fails on purpose");
            assertThat(edt(() -> failed.retryAction().isEnabled())).as("no handler: no retry").isFalse();

            CompletableFuture<JobInfo> handed = new CompletableFuture<>();
            Edt.run(() -> jobs.setRetryHandler(record -> {
                if (SwingUtilities.isEventDispatchThread()) {
                    handed.completeExceptionally(new AssertionError("the retry handler ran on the EDT"));
                }
                handed.complete(record);
                library.dispatch(new TestJobs.GateJob(TestJobs.gate("retried")));
            }));
            assertEnabled(failed, false, false, false, true);

            edt(() -> failed.retryAction().execute()).get(30, TimeUnit.SECONDS);
            assertThat(handed.get(30, TimeUnit.SECONDS).id()).isEqualTo(id);
            assertThat(handed.get().status()).isEqualTo(JobStatus.FAILED);
            Edt.until("the new job appears as a second row", () -> jobs.getRowCount() == 2);
            assertThat(edt(() -> jobs.getJob(1).getRetryHandler())).as("new rows follow the model's handler")
                    .isSameAs(edt(jobs::getRetryHandler));
            TestJobs.open("retried");
            jobs.close();
        }
    }

    @Test
    void anActionThatFailsReachesTheErrorHandler() throws Exception {
        try (Library library = TestJobs.open(dir, false)) {
            String id = library.dispatch(new TestJobs.GateJob(TestJobs.gate("gone"))).id();
            JobsTableModel jobs = edt(() -> new JobsTableModel(library));
            SwingJob job = jobs.find(id).orElseThrow();
            CompletableFuture<Throwable> reported = new CompletableFuture<>();
            Edt.run(() -> jobs.setCommandErrorHandler(reported::complete));
            jobs.close(); // stop following: the model still says queued while the job is already cancelled
            library.cancel(id);

            CompletableFuture<Void> pause = edt(() -> job.pauseAction().execute());
            assertThatThrownBy(() -> pause.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(reported.get(30, TimeUnit.SECONDS)).isInstanceOf(dev.stint.IllegalJobTransitionException.class);
            assertThat(edt(() -> job.isBusy(JobAction.Kind.PAUSE))).isFalse();
        }
    }

    @Test
    void theFirstLoadShowsActiveAndFinishedJobsAndKeepsOnlyTheNewestFinished() throws Exception {
        String paused;
        String queued;
        try (Library library = TestJobs.open(dir, true)) {
            for (int i = 0; i < 3; i++) {
                library.dispatch(new TestJobs.ChattyJob()).result().get(30, TimeUnit.SECONDS);
            }
            paused = library.dispatch(new TestJobs.GateJob(TestJobs.gate("first-load"))).id();
            library.pause(paused);
        }
        try (Library library = TestJobs.open(dir, false)) {
            queued = library.dispatch(new TestJobs.GateJob("first-load")).id();
            JobsTableModel jobs = edt(() -> new JobsTableModel(library, 2));
            List<SwingJob> all = edt(jobs::jobs);
            assertThat(all).extracting(SwingJob::name).containsExactly("swing.chatty", "swing.chatty", "swing.gate",
                    "swing.gate");
            assertThat(edt(() -> all.stream().map(SwingJob::getStatus).toList())).containsExactly(JobStatus.COMPLETED,
                    JobStatus.COMPLETED, JobStatus.PAUSED, JobStatus.QUEUED);
            assertThat(edt(() -> all.get(0).getProgress())).isEqualTo(1.0);
            assertThat(all.get(2).id()).isEqualTo(paused);
            assertThat(all.get(3).id()).isEqualTo(queued);

            // one more finished job: the oldest finished one leaves the table
            List<Integer> deleted = new CopyOnWriteArrayList<>();
            Edt.run(() -> jobs.addTableModelListener(e -> {
                if (e.getType() == TableModelEvent.DELETE) {
                    deleted.add(e.getFirstRow());
                }
            }));
            library.start();
            var newest = library.dispatch(new TestJobs.ChattyJob());
            newest.result().get(30, TimeUnit.SECONDS);
            Edt.until("the newest finished job shows", () -> jobs.find(newest.id()).map(SwingJob::getStatus)
                    .orElse(null) == JobStatus.COMPLETED);
            Edt.until("two finished jobs are kept", () -> jobs.jobs().stream()
                    .filter(j -> j.getStatus().isTerminal()).count() == 2);
            assertThat(edt(jobs::getRowCount)).isEqualTo(4);
            assertThat(edt(() -> jobs.jobs().stream().map(SwingJob::id).toList())).doesNotContain(all.get(0).id());
            assertThat(deleted).containsExactly(0);
            TestJobs.open("first-load");
            jobs.close();
        }
    }

    @Test
    void theFirstLoadShowsTheOldestWaitingJobsUpToItsLimitAndTheOthersWhenTheirStatusChanges() {
        try (Library library = TestJobs.open(dir, false)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                ids.add(library.dispatch(new TestJobs.GateJob("waiting-limit")).id());
            }
            List<String> inOrder = library.query(JobQuery.all()).stream().map(JobInfo::id).toList();
            assertThat(inOrder).containsExactlyInAnyOrderElementsOf(ids);
            JobsTableModel jobs = edt(() -> new JobsTableModel(library, 10, 3));
            assertThat(edt(() -> jobs.jobs().stream().map(SwingJob::id).toList()))
                    .containsExactlyElementsOf(inOrder.subList(0, 3));

            library.pause(inOrder.get(5)); // a job left out: it shows once its status changes
            Edt.until("the paused job shows", () -> jobs.getRowCount() == 4
                    && jobs.getJob(3).id().equals(inOrder.get(5)) && jobs.getJob(3).getStatus() == JobStatus.PAUSED);
            jobs.close();
        }
    }

    @Test
    void childJobsAreMarkedInTheNameColumn() throws Exception {
        try (Library library = TestJobs.open(dir, true)) {
            JobsTableModel jobs = edt(() -> new JobsTableModel(library));
            String gate = TestJobs.gate("children");
            String parent = library.dispatch(new TestJobs.ParentJob(gate)).id();
            Edt.until("the parent and its two children show", () -> jobs.getRowCount() == 3
                    && jobs.jobs().stream().filter(j -> parent.equals(j.getParentId())).count() == 2);
            List<Object> names = edt(() -> List.of(jobs.getValueAt(0, 0), jobs.getValueAt(1, 0), jobs.getValueAt(2, 0)));
            assertThat(names).containsExactly("swing.parent", "↳ swing.gate", "↳ swing.gate");
            TestJobs.open(gate);
            Edt.until("all done", () -> jobs.jobs().stream().allMatch(j -> j.getStatus() == JobStatus.COMPLETED));
            jobs.close();
        }
    }

    @Test
    void createdOffTheEdtItRefuses() {
        try (Library library = TestJobs.open(dir, false)) {
            assertThatThrownBy(() -> new JobsTableModel(library)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("event dispatch thread");
        }
    }

    static void assertEnabled(SwingJob job, boolean pause, boolean resume, boolean cancel, boolean retry) {
        Edt.until("actions enabled: pause " + pause + ", resume " + resume + ", cancel " + cancel + ", retry " + retry,
                () -> job.pauseAction().isEnabled() == pause && job.resumeAction().isEnabled() == resume
                        && job.cancelAction().isEnabled() == cancel && job.retryAction().isEnabled() == retry);
    }
}
