package dev.stint.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The observable list follows the engine: dispatch, progress, pause, resume, finish, retry. */
class FxJobsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @Test
    void aDispatchedJobAppearsAndItsCommandsFollowItsStatus() throws Exception {
        try (Library library = TestJobs.open(dir, true)) {
            FxJobs jobs = Fx.fx(() -> new FxJobs(library));
            assertThat(Fx.fx(() -> jobs.all().size())).isZero();

            String gate = TestJobs.gate("commands");
            String id = library.dispatch(new TestJobs.GateJob(gate)).id();

            Fx.until("the job appears and runs", () -> jobs.find(id).map(FxJob::getStatus).orElse(null)
                    == JobStatus.RUNNING && jobs.find(id).get().getProgress() > 0);
            FxJob job = jobs.find(id).orElseThrow();
            assertThat(Fx.fx(() -> List.copyOf(jobs.all()))).containsExactly(job);
            assertThat(Fx.fx(() -> List.copyOf(jobs.roots()))).containsExactly(job);
            assertThat(job.name()).isEqualTo("fx.gate");
            assertEnabled(job, true, false, true, false);

            CompletableFuture<Void> paused = Fx.fx(() -> job.pauseCommand().execute());
            paused.get(30, TimeUnit.SECONDS);
            Fx.until("paused", () -> job.getStatus() == JobStatus.PAUSED);
            assertThat(Fx.fx(() -> job.statusTextProperty().get())).isEqualTo("Paused");
            assertThat(Fx.fx(() -> job.noteProperty().get())).contains("stays paused");
            assertThat(Fx.fx(() -> job.getProgress())).isBetween(0.01, 0.99);
            assertEnabled(job, false, true, true, false);

            Fx.fx(() -> job.resumeCommand().execute()).get(30, TimeUnit.SECONDS);
            Fx.until("running again", () -> job.getStatus() == JobStatus.RUNNING);
            assertEnabled(job, true, false, true, false);

            TestJobs.open(gate);
            Fx.until("completed", () -> job.getStatus() == JobStatus.COMPLETED);
            assertThat(Fx.fx(job::getProgress)).isEqualTo(1.0);
            assertThat(Fx.fx(() -> job.messageProperty().get())).isEqualTo("100 / 100");
            assertThat(Fx.fx(() -> job.etaTextProperty().get())).isEmpty();
            assertEnabled(job, false, false, false, false);

            Throwable refused = Fx.fx(() -> job.pauseCommand().execute()).handle((v, t) -> t).get();
            assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("Pause is not available");
            Fx.run(jobs::close);
        }
    }

    @Test
    void pausingARunningJobShowsPausingUntilItStops() throws Exception {
        try (Library library = TestJobs.open(dir, true)) {
            FxJobs jobs = Fx.fx(() -> new FxJobs(library));
            String gate = TestJobs.gate("pausing");
            String id = library.dispatch(new TestJobs.GateJob(gate)).id();
            Fx.until("running", () -> jobs.find(id).map(FxJob::getStatus).orElse(null) == JobStatus.RUNNING);
            FxJob job = jobs.find(id).orElseThrow();

            // the status text says Pausing… only while the pause is pending; either way it ends Paused
            List<String> texts = new CopyOnWriteArrayList<>();
            Fx.run(() -> job.statusTextProperty().addListener((o, was, now) -> texts.add(now)));
            Fx.fx(() -> job.pauseCommand().execute()).get(30, TimeUnit.SECONDS);
            Fx.until("paused", () -> job.getStatus() == JobStatus.PAUSED);
            assertThat(texts).last().isEqualTo("Paused");
            assertThat(texts).allMatch(t -> t.equals("Pausing…") || t.equals("Paused"));
            TestJobs.open(gate);
            Fx.run(jobs::close);
        }
    }

    @Test
    void aFailedJobCanBeRetriedThroughTheApplicationsHandler() throws Exception {
        try (Library library = TestJobs.open(dir, true)) {
            FxJobs jobs = Fx.fx(() -> new FxJobs(library));
            String id = library.dispatch(new TestJobs.FailJob()).id();
            Fx.until("failed", () -> jobs.find(id).map(FxJob::getStatus).orElse(null) == JobStatus.FAILED);
            FxJob failed = jobs.find(id).orElseThrow();
            Fx.until("its error shows", () -> failed.noteProperty().get().contains("fails on purpose"));
            assertThat(Fx.fx(() -> failed.errorProperty().get().message())).isEqualTo("fails on purpose");
            assertThat(Fx.fx(() -> failed.retryCommand().enabled().get())).as("no handler: no retry").isFalse();

            CompletableFuture<JobInfo> handed = new CompletableFuture<>();
            Fx.run(() -> jobs.setRetryHandler(record -> {
                if (Platform.isFxApplicationThread()) {
                    handed.completeExceptionally(new AssertionError("the retry handler ran on the FX thread"));
                }
                handed.complete(record);
                library.dispatch(new TestJobs.GateJob(TestJobs.gate("retried")));
            }));
            assertThat(Fx.fx(() -> failed.retryCommand().enabled().get())).isTrue();
            assertEnabled(failed, false, false, false, true);

            Fx.fx(() -> failed.retryCommand().execute()).get(30, TimeUnit.SECONDS);
            assertThat(handed.get(30, TimeUnit.SECONDS).id()).isEqualTo(id);
            assertThat(handed.get().status()).isEqualTo(JobStatus.FAILED);
            Fx.until("the new job appears", () -> jobs.all().size() == 2);
            TestJobs.open("retried");
            Fx.run(jobs::close);
        }
    }

    @Test
    void aCommandThatFailsReachesTheErrorHandler() throws Exception {
        try (Library library = TestJobs.open(dir, false)) {
            String id = library.dispatch(new TestJobs.GateJob(TestJobs.gate("gone"))).id();
            FxJobs jobs = Fx.fx(() -> new FxJobs(library));
            FxJob job = jobs.find(id).orElseThrow();
            CompletableFuture<Throwable> reported = new CompletableFuture<>();
            Fx.run(() -> jobs.commandErrorHandlerProperty().set(reported::complete));
            jobs.close(); // stop following: the list still says queued while the job is already cancelled
            library.cancel(id);

            CompletableFuture<Void> pause = Fx.fx(() -> job.pauseCommand().execute());
            assertThatThrownBy(() -> pause.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(reported.get(30, TimeUnit.SECONDS)).isInstanceOf(dev.stint.IllegalJobTransitionException.class);
            assertThat(Fx.fx(() -> job.pauseCommand().busyProperty().get())).isFalse();
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
            FxJobs jobs = Fx.fx(() -> new FxJobs(library, 2));
            List<FxJob> all = Fx.fx(() -> List.copyOf(jobs.all()));
            assertThat(all).extracting(FxJob::name).containsExactly("fx.chatty", "fx.chatty", "fx.gate", "fx.gate");
            assertThat(all).extracting(FxJob::getStatus).containsExactly(JobStatus.COMPLETED, JobStatus.COMPLETED,
                    JobStatus.PAUSED, JobStatus.QUEUED);
            assertThat(all.get(0).getProgress()).isEqualTo(1.0);
            assertThat(all.get(2).id()).isEqualTo(paused);
            assertThat(all.get(3).id()).isEqualTo(queued);

            // one more finished job: the oldest finished one leaves the list
            library.start();
            var newest = library.dispatch(new TestJobs.ChattyJob());
            newest.result().get(30, TimeUnit.SECONDS);
            Fx.until("the newest finished job shows", () -> jobs.find(newest.id()).map(FxJob::getStatus)
                    .orElse(null) == JobStatus.COMPLETED);
            Fx.until("two finished jobs are kept", () -> jobs.all().stream()
                    .filter(j -> j.getStatus().isTerminal()).count() == 2);
            assertThat(Fx.fx(() -> jobs.all().size())).isEqualTo(4);
            assertThat(Fx.fx(() -> jobs.all().stream().map(FxJob::id).toList())).doesNotContain(all.get(0).id());
            TestJobs.open("first-load");
            Fx.run(jobs::close);
        }
    }

    @Test
    void theFirstLoadShowsTheOldestWaitingJobsUpToItsLimitAndTheOthersWhenTheirStatusChanges() throws Exception {
        try (Library library = TestJobs.open(dir, false)) {
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 7; i++) {
                ids.add(library.dispatch(new TestJobs.GateJob("waiting-limit")).id());
            }
            List<String> inOrder = library.query(dev.stint.JobQuery.all()).stream()
                    .map(dev.stint.JobInfo::id).toList();
            assertThat(inOrder).containsExactlyInAnyOrderElementsOf(ids);
            FxJobs jobs = Fx.fx(() -> new FxJobs(library, 10, 3));
            assertThat(Fx.fx(() -> jobs.all().stream().map(FxJob::id).toList()))
                    .containsExactlyElementsOf(inOrder.subList(0, 3));

            library.pause(inOrder.get(5)); // a job left out: it shows once its status changes
            Fx.until("the paused job shows", () -> jobs.find(inOrder.get(5)).map(FxJob::getStatus)
                    .orElse(null) == JobStatus.PAUSED);
            assertThat(Fx.fx(() -> jobs.all().size())).isEqualTo(4);
            Fx.run(jobs::close);
        }
    }

    @Test
    void createdOffTheFxThreadItRefuses() {
        try (Library library = TestJobs.open(dir, false)) {
            assertThatThrownBy(() -> new FxJobs(library)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("JavaFX application thread");
        }
    }

    private static void assertEnabled(FxJob job, boolean pause, boolean resume, boolean cancel, boolean retry) {
        Fx.until("commands enabled: pause " + pause + ", resume " + resume + ", cancel " + cancel + ", retry " + retry,
                () -> job.pauseCommand().enabled().get() == pause && job.resumeCommand().enabled().get() == resume
                        && job.cancelCommand().enabled().get() == cancel && job.retryCommand().enabled().get() == retry);
    }
}
