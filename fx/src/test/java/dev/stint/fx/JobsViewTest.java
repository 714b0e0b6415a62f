package dev.stint.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobStatus;
import dev.stint.Library;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The ready control renders a row per job and its buttons work, clicked by TestFX's robot. */
@ExtendWith(ApplicationExtension.class)
class JobsViewTest {
    private Path dir;
    private Library library;
    private JobsView view;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("stint-fx-view");
        library = TestJobs.open(dir, true);
        view = new JobsView(library);
        stage.setScene(new Scene(view, 1000, 300));
        stage.show();
    }

    @AfterEach
    void close() {
        Fx.run(view::close);
        library.close();
    }

    @Test
    void rowsShowTheJobsAndTheButtonsPauseAndResume(FxRobot robot) {
        String gate = TestJobs.gate("view");
        String id = library.dispatch(new TestJobs.GateJob(gate)).id();

        Fx.until("a row with a running job", () -> text(robot, ".stint-status", id).equals("Running"));
        assertThat(Fx.fx(() -> text(robot, ".stint-name", id))).isEqualTo("fx.gate");
        Fx.until("its bar moves", () -> node(robot, ".stint-progress", id, ProgressBar.class).getProgress() > 0);
        assertThat(Fx.fx(() -> button(robot, "pause", id).isDisabled())).isFalse();
        assertThat(Fx.fx(() -> button(robot, "resume", id).isDisabled())).isTrue();
        assertThat(Fx.fx(() -> button(robot, "retry", id).isVisible())).as("no retry handler").isFalse();

        robot.clickOn(button(robot, "pause", id));
        Fx.until("paused", () -> text(robot, ".stint-status", id).equals("Paused"));
        Fx.until("resume enabled", () -> !button(robot, "resume", id).isDisabled()
                && button(robot, "pause", id).isDisabled());
        assertThat(Fx.fx(() -> text(robot, ".stint-note", id))).contains("stays paused");
        assertThat(Fx.fx(() -> view.jobs().find(id).orElseThrow().getStatus())).isEqualTo(JobStatus.PAUSED);

        robot.clickOn(button(robot, "resume", id));
        Fx.until("running again", () -> text(robot, ".stint-status", id).equals("Running"));

        TestJobs.open(gate);
        Fx.until("completed", () -> text(robot, ".stint-status", id).equals("Completed"));
        assertThat(Fx.fx(() -> node(robot, ".stint-progress", id, ProgressBar.class).getProgress())).isEqualTo(1.0);
        assertThat(Fx.fx(() -> text(robot, ".stint-progress-text", id))).isEqualTo("100 / 100");
        assertThat(Fx.fx(() -> button(robot, "cancel", id).isDisabled())).isTrue();
    }

    @Test
    void cancelFromTheViewAndRetryThroughTheHandler(FxRobot robot) {
        String id = library.dispatch(new TestJobs.GateJob(TestJobs.gate("cancel-view"))).id();
        Fx.until("a row", () -> robot.lookup(".stint-cancel").match(n -> id.equals(n.getUserData())).tryQuery()
                .isPresent());
        Fx.run(() -> view.jobs().setRetryHandler(record -> library.dispatch(new TestJobs.ChattyJob())));

        robot.clickOn(button(robot, "cancel", id));
        Fx.until("cancelled", () -> text(robot, ".stint-status", id).equals("Cancelled"));
        Fx.until("retry shows", () -> button(robot, "retry", id).isVisible() && !button(robot, "retry", id).isDisabled());

        robot.clickOn(button(robot, "retry", id));
        Fx.until("the handler dispatched a job", () -> view.jobs().all().size() == 2);
        Fx.until("the retried job completes in a second row", () -> view.jobs().all().size() == 2
                && view.jobs().all().get(1).getStatus() == JobStatus.COMPLETED);
        assertThat(Fx.fx(() -> view.getExpandedItemCount())).isEqualTo(2);
    }

    private static <T extends Node> T node(FxRobot robot, String selector, String id, Class<T> type) {
        return robot.lookup(selector).match(n -> id.equals(n.getUserData())).queryAs(type);
    }

    private static String text(FxRobot robot, String selector, String id) {
        return robot.lookup(selector).match(n -> id.equals(n.getUserData())).tryQueryAs(Label.class)
                .map(Label::getText).orElse("");
    }

    private static Button button(FxRobot robot, String command, String id) {
        return node(robot, ".stint-" + command, id, Button.class);
    }
}
