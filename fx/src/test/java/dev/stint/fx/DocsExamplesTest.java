package dev.stint.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets of docs/javafx.md, compiled and run. */
class DocsExamplesTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @Test
    void oneJobOneLine() {
        try (Library library = TestJobs.open(dir, true)) {
            String gate = TestJobs.gate("docs-one");
            String id = library.dispatch(new TestJobs.GateJob(gate)).id();
            ProgressBar progressBar = Fx.fx(ProgressBar::new);
            Label status = Fx.fx(Label::new);
            Button pause = Fx.fx(Button::new);
            FxJob job = Fx.fx(() -> {
                // --- docs/javafx.md: one job
                FxJob fxJob = FxJob.of(library, id);
                progressBar.progressProperty().bind(fxJob.progressProperty());
                status.textProperty().bind(fxJob.statusTextProperty());
                fxJob.pauseCommand().bind(pause);   // disabled unless legal; a click pauses the job
                // ---
                return fxJob;
            });
            Fx.until("the bar follows the job", () -> progressBar.getProgress() > 0
                    && status.getText().equals("Running") && !pause.isDisabled());
            Fx.run(pause::fire);
            Fx.until("paused", () -> status.getText().equals("Paused") && pause.isDisabled());
            job.close();
        }
    }

    @Test
    void allJobsAndTheReadyView() throws Exception {
        try (Library library = TestJobs.open(dir, true)) {
            String gate = TestJobs.gate("docs-all");
            Stage stage = Fx.fx(Stage::new);
            JobsView shown = Fx.fx(() -> {
                // --- docs/javafx.md: FxJobs
                FxJobs jobs = new FxJobs(library);
                ListView<FxJob> list = new ListView<>(jobs.all());
                jobs.setRetryHandler(failed -> library.dispatch(failed.name(), "{}"));
                // ---
                assertThat(list.getItems()).isEmpty();
                jobs.close();

                // --- docs/javafx.md: JobsView
                JobsView view = new JobsView(library);
                stage.setScene(new Scene(view, 1000, 400));
                stage.setOnHidden(e -> view.close());   // before closing the library
                // ---
                stage.show();
                return view;
            });
            String id = library.dispatch(new TestJobs.GateJob(gate)).id();
            Fx.until("a row", () -> shown.jobs().find(id).map(FxJob::getStatus).orElse(null) == JobStatus.RUNNING);
            TestJobs.open(gate);
            Fx.until("done", () -> shown.jobs().find(id).orElseThrow().getStatus() == JobStatus.COMPLETED);
            JobInfo record = Fx.fx(() -> shown.jobs().find(id).orElseThrow().infoProperty().get());
            assertThat(record.id()).isEqualTo(id);
            Fx.run(stage::hide);
        }
    }
}
