package dev.stint.sample.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stint.fx.FxJob;
import dev.stint.fx.JobsView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop app as a person uses it, in a real window on an X server (Xvfb, started here when the
 * build's private display is not served yet; the test is skipped when Xvfb is not installed). TestFX's
 * robot clicks the buttons; the assertions read what the window shows.
 *
 * <p>Dispatch two count jobs, pause one, close the window (the library shuts down gracefully), open it
 * again on the same library: the paused job is still paused at the same count, the interrupted one resumes
 * by itself, and the status line says both. Resume the paused one. Then dispatch the other demo jobs and
 * take a screenshot ({@code target/screenshots/stint-gui.png}, with ImageMagick's {@code import}).
 * Finally "Open library…" switches to another (empty) library folder.
 */
class StintAppE2ETest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path temp;
    private static XvfbDisplay display;
    private static String skipReason;
    private final FxRobot robot = new FxRobot();
    private StintApp app;
    private CountDownLatch closed;
    private final Path otherLibrary = temp.resolve("other-library");

    @BeforeAll
    static void startDisplay() throws Exception {
        XvfbDisplay.Result result = XvfbDisplay.ensure(temp.resolve("xvfb.log"));
        skipReason = result.skipReason();
        display = result.display();
        if (display == null) {
            return;
        }
        System.setProperty("testfx.robot", "glass");
        System.setProperty("testfx.headless", "false");
        System.setProperty("prism.order", "sw");
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false); // closing the app's window must not end the toolkit between the two runs
    }

    @AfterAll
    static void hideStages() throws Exception {
        if (display != null) {
            FxToolkit.cleanupStages();
        }
    }

    @BeforeEach
    void needsADisplay() {
        assumeTrue(skipReason == null, skipReason);
    }

    @AfterEach
    void closeApp() throws Exception {
        if (app != null && app.jobsView() != null) {
            FxToolkit.cleanupApplication(app); // a failed test: stop() closes the library
        }
    }

    @Test
    void dispatchPauseCloseReopenAndResumeInTheWindow() throws Exception {
        Path library = temp.resolve("stint-demo");

        // 1. open the app, dispatch two count jobs, pause the first
        launch(library);
        assertThat(statusLine()).contains("No active jobs");
        robot.clickOn("#dispatch-count");
        String first = awaitNewRow(Set.of());
        robot.clickOn("#dispatch-count");
        String second = awaitNewRow(Set.of(first));
        until("both jobs run and count", () -> status(first).equals("Running") && status(second).equals("Running")
                && progress(first) > 0 && progress(second) > 0);

        robot.clickOn(button("pause", first));
        until("the first job shows paused", () -> status(first).equals("Paused"));
        String pausedAt = fx(() -> text(".stint-progress-text", first));
        assertThat(pausedAt).matches("\\d+ / 600");
        assertThat(fx(() -> text(".stint-note", first))).contains("stays paused until resumed");
        until("its buttons follow", () -> button("pause", first).isDisabled() && !button("resume", first).isDisabled());
        until("the second one keeps counting", () -> status(second).equals("Running"));
        assertThat(ConsoleProbe.listThroughTheWindow(library)).as("the console goes through the window's endpoint")
                .contains(first + "  demo.count  paused", second + "  demo.count  running");

        // 2. close the window as with its close button: the library shuts down, then the window goes
        closeWindow();
        assertThat(Files.exists(library.resolve("control.json"))).as("the endpoint went with the library").isFalse();

        // 3. open it again on the same library
        launch(library);
        until("the status line tells what the restart did", () -> statusLine().contains("1 interrupted job resumes by itself")
                && statusLine().contains("1 paused job stays paused until you resume it"));
        until("both rows show", () -> rowShown(first) && rowShown(second));
        assertThat(fx(() -> status(first))).isEqualTo("Paused");
        assertThat(fx(() -> text(".stint-progress-text", first))).isEqualTo(pausedAt);
        until("the interrupted job resumes by itself", () -> status(second).equals("Running")
                && text(".stint-note", second).contains("resumed after shutdown"));
        assertThat(fx(() -> button("resume", first).isDisabled())).isFalse();

        // 4. resume the paused job: it continues from where it stopped
        robot.clickOn(button("resume", first));
        int stoppedAt = Integer.parseInt(pausedAt.split(" ")[0]);
        until("it runs again past its count", () -> status(first).equals("Running")
                && count(first) > stoppedAt);
        assertThat(fx(() -> text(".stint-note", first))).contains("resumed");

        // 5. the other demo jobs, for a screenshot of a busy window
        robot.clickOn("#dispatch-phased");
        robot.clickOn("#dispatch-tree");
        robot.clickOn("#dispatch-flaky");
        robot.clickOn("#dispatch-delayed");
        robot.clickOn("#dispatch-hash");
        robot.clickOn("#dispatch-wasm");
        until("every demo job shows, the tree with its children", () -> view().jobs().all().size() == 2 + 6 + 3);
        String delayed = fx(() -> idOf("demo.count", 2));
        until("the delayed job says when it starts", () -> text(".stint-note", delayed).startsWith("starts at"));
        robot.clickOn(button("cancel", delayed));
        until("the cancelled job offers a retry", () -> status(delayed).equals("Cancelled")
                && button("retry", delayed).isVisible());
        String flaky = fx(() -> idOf("demo.flaky", 0));
        until("the flaky job waits for its next attempt", () -> text(".stint-note", flaky).startsWith("attempt ")
                || status(flaky).equals("Completed"));
        String phased = fx(() -> idOf("demo.phased", 0));
        until("the phased job is in a phase", () -> text(".stint-progress-text", phased).matches("(discover|process).*"));
        robot.clickOn(button("pause", phased));
        until("the phased job shows paused", () -> status(phased).equals("Paused"));
        screenshot(Path.of("target", "screenshots", "stint-gui.png"));

        // 6. "Open library…" switches to another folder: this one closes, the new one opens empty
        robot.clickOn("#open-library");
        until("the other library is open", () -> robot.lookup("#library-path").queryAs(Label.class).getText()
                .equals(otherLibrary.toString()) && statusLine().contains("No active jobs")
                && view() != null && view().jobs().all().isEmpty());
        closeWindow();
    }

    // ---------------------------------------------------------------- driving the app

    private void launch(Path library) throws Exception {
        closed = new CountDownLatch(1);
        CountDownLatch whenClosed = closed;
        Path hashFolder = Path.of("src").toAbsolutePath();
        StintApp.Options options = new StintApp.Options(library,
                (window, title) -> title.contains("hash") ? hashFolder : otherLibrary, whenClosed::countDown,
                Double.parseDouble(XvfbDisplay.WIDTH), Double.parseDouble(XvfbDisplay.HEIGHT));
        app = (StintApp) FxToolkit.setupApplication(() -> new StintApp(options));
        until("the library opens", () -> app.jobsView() != null && !robot.lookup("#dispatch-count")
                .queryButton().isDisabled());
        // its control endpoint is on, so the window offers the web dashboard (DashboardBrowserTest drives that page)
        until("'Open dashboard' is offered", () -> !robot.lookup("#open-dashboard").queryButton().isDisabled());
    }

    /** Fires the close request a window manager sends for the title bar's close button. */
    private void closeWindow() throws Exception {
        Stage stage = FxToolkit.toolkitContext().getRegisteredStage();
        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(closed.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the library closed and the window went")
                .isTrue();
        assertThat(fx(stage::isShowing)).isFalse();
        app = null;
    }

    private void screenshot(Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        WaitForAsyncUtils.waitForFxEvents();
        Optional<Path> imagemagick = XvfbDisplay.onPath("import");
        if (imagemagick.isEmpty()) {
            System.err.println("StintAppE2ETest: ImageMagick's 'import' is not installed; no screenshot taken");
            return;
        }
        Process shot = new ProcessBuilder(imagemagick.get().toString(), "-window", "root", png.toString())
                .redirectErrorStream(true).start();
        assertThat(shot.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(shot.exitValue()).as(new String(shot.getInputStream().readAllBytes())).isZero();
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    // ---------------------------------------------------------------- reading the window

    private JobsView view() {
        return app.jobsView();
    }

    /** Waits for a job row that is not in {@code known} and returns the job's id (from the row's labels). */
    private String awaitNewRow(Set<String> known) {
        String[] found = new String[1];
        until("a new row", () -> {
            Optional<String> id = robot.lookup(".stint-name").queryAllAs(Label.class).stream()
                    .map(l -> (String) l.getUserData()).filter(u -> u != null && !known.contains(u)).findFirst();
            id.ifPresent(i -> found[0] = i);
            return id.isPresent();
        });
        return found[0];
    }

    /** The id of the n-th top-level job (in dispatch order) of a type, from the view's list. */
    private String idOf(String name, int n) {
        List<FxJob> jobs = view().jobs().roots().stream().filter(j -> j.name().equals(name)).toList();
        return jobs.get(jobs.size() > n ? n : jobs.size() - 1).id();
    }

    private boolean rowShown(String id) {
        return robot.lookup(".stint-name").match(n -> id.equals(n.getUserData())).tryQuery().isPresent();
    }

    private String statusLine() {
        return fx(() -> robot.lookup("#status-line").queryAs(Label.class).getText());
    }

    private String status(String id) {
        return text(".stint-status", id);
    }

    private double progress(String id) {
        return robot.lookup(".stint-progress").match(n -> id.equals(n.getUserData())).tryQueryAs(ProgressBar.class)
                .map(ProgressBar::getProgress).orElse(0.0);
    }

    private int count(String id) {
        String text = text(".stint-progress-text", id);
        return text.matches("\\d+ / \\d+") ? Integer.parseInt(text.split(" ")[0]) : -1;
    }

    private String text(String selector, String id) {
        return robot.lookup(selector).match(n -> id.equals(n.getUserData())).tryQueryAs(Label.class)
                .map(Label::getText).orElse("");
    }

    private Button button(String command, String id) {
        return robot.lookup(".stint-" + command).match((Node n) -> id.equals(n.getUserData())).queryButton();
    }

    private static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void until(String what, Callable<Boolean> condition) {
        await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(25)).ignoreExceptions()
                .until(() -> fx(condition));
    }
}
