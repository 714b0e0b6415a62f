package dev.stint.sample.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stint.sample.gui.ConsoleProbe;
import dev.stint.sample.gui.XvfbDisplay;
import dev.stint.swing.JobsPanel;
import dev.stint.swing.JobsTableModel;
import dev.stint.swing.SwingJob;
import java.awt.Component;
import java.awt.Container;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Swing desktop app as a person uses it, in a real window on an X server (Xvfb, started here when the
 * build's private display is not served yet; the test is skipped when Xvfb is not installed). An AWT
 * {@link Robot} moves the mouse and clicks the buttons and table rows; the assertions read what the window
 * shows.
 *
 * <p>Dispatch two count jobs, select and pause one, close the window (the library shuts down gracefully),
 * open it again on the same library: the paused job is still paused at the same count, the interrupted one
 * resumes by itself, and the status line says both. Resume the paused one. Then dispatch the phased job and
 * pause it in a phase, dispatch the other demo jobs, cancel the delayed one and take a screenshot
 * ({@code target/screenshots/stint-swing.png}, with ImageMagick's {@code import}). Finally "Open library…"
 * switches to another (empty) library folder.
 */
class SwingAppE2ETest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path temp;
    private static String skipReason;
    private static Robot robot;
    private SwingApp app;
    private CountDownLatch closed;
    private final Path otherLibrary = temp.resolve("other-library");

    @BeforeAll
    static void startDisplay() throws Exception {
        XvfbDisplay.Result result = XvfbDisplay.ensure(temp.resolve("xvfb.log"));
        skipReason = result.skipReason();
        if (result.display() == null) {
            return;
        }
        System.setProperty("awt.useSystemAAFontSettings", "on"); // as the launcher sets it
        robot = new Robot();
        robot.setAutoDelay(20);
    }

    @BeforeEach
    void needsADisplay() {
        assumeTrue(skipReason == null, skipReason);
    }

    @AfterEach
    void closeApp() throws Exception {
        if (app != null) {
            SwingApp open = app;
            edt(() -> {
                open.close(); // a failed test: the library closes, the window goes
                return null;
            });
            closed.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void dispatchPauseCloseReopenAndResumeInTheWindow() throws Exception {
        Path library = temp.resolve("stint-demo");

        // 1. open the app, dispatch two count jobs, pause the first
        launch(library);
        assertThat(edt(this::statusLine)).contains("No active jobs");
        click(named("dispatch-count"));
        String first = awaitNewRow(Set.of());
        click(named("dispatch-count"));
        String second = awaitNewRow(Set.of(first));
        until("both jobs run and count", () -> status(first).equals("Running") && status(second).equals("Running")
                && job(first).getProgress() > 0 && job(second).getProgress() > 0);

        clickRow(first);
        until("the selected job's buttons follow it", () -> named("pause").isEnabled() && !named("resume").isEnabled());
        click(named("pause"));
        until("the first job shows paused", () -> status(first).equals("Paused"));
        String pausedAt = edt(() -> progressText(first));
        assertThat(pausedAt).matches("\\d+ / 600");
        assertThat(edt(() -> note(first))).contains("stays paused until resumed");
        until("its buttons follow", () -> !named("pause").isEnabled() && named("resume").isEnabled());
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
        until("both rows show", () -> row(first) >= 0 && row(second) >= 0);
        assertThat(edt(() -> status(first))).isEqualTo("Paused");
        assertThat(edt(() -> progressText(first))).isEqualTo(pausedAt);
        until("the interrupted job resumes by itself", () -> status(second).equals("Running")
                && note(second).contains("resumed after shutdown"));

        // 4. resume the paused job: it continues from where it stopped
        clickRow(first);
        until("resume is offered", () -> named("resume").isEnabled());
        click(named("resume"));
        int stoppedAt = Integer.parseInt(pausedAt.split(" ")[0]);
        until("it runs again past its count", () -> status(first).equals("Running") && count(first) > stoppedAt);
        assertThat(edt(() -> note(first))).contains("resumed");

        // 5. the other demo jobs, for a screenshot of a busy window; the phased one is paused while in a phase
        click(named("dispatch-phased"));
        String phased = awaitNewRow(Set.of(first, second));
        until("the phased job is in a phase", () -> progressText(phased).matches("(discover|process).*"));
        clickRow(phased);
        until("pause is offered", () -> named("pause").isEnabled());
        click(named("pause"));
        until("the phased job shows paused", () -> status(phased).equals("Paused"));
        for (String button : List.of("dispatch-tree", "dispatch-flaky", "dispatch-delayed", "dispatch-hash",
                "dispatch-wasm")) {
            click(named(button));
        }
        until("every demo job shows, the tree with its children", () -> panel().model().getRowCount() == 2 + 6 + 3
                && panel().model().jobs().stream().filter(j -> j.getParentId() != null).count() == 3);
        String delayed = edt(() -> idOf("demo.count", 2));
        until("the delayed job says when it starts", () -> note(delayed).startsWith("starts at"));
        clickRow(delayed);
        until("cancel is offered", () -> named("cancel").isEnabled());
        click(named("cancel"));
        until("the cancelled job offers a retry", () -> status(delayed).equals("Cancelled") && named("retry").isEnabled());
        String flaky = edt(() -> idOf("demo.flaky", 0));
        until("the flaky job waits for its next attempt", () -> note(flaky).startsWith("attempt ")
                || status(flaky).equals("Completed"));
        clickRow(first);
        screenshot(Path.of("target", "screenshots", "stint-swing.png"));

        // 6. "Open library…" switches to another folder: this one closes, the new one opens empty
        click(named("open-library"));
        until("the other library is open", () -> ((JLabel) named("library-path")).getText().equals(otherLibrary.toString())
                && statusLine().contains("No active jobs") && panel() != null && panel().model().getRowCount() == 0);
        closeWindow();
    }

    // ---------------------------------------------------------------- driving the app

    private void launch(Path library) {
        closed = new CountDownLatch(1);
        CountDownLatch whenClosed = closed;
        Path hashFolder = Path.of("src").toAbsolutePath();
        SwingApp.Options options = new SwingApp.Options(library,
                (owner, title) -> title.contains("hash") ? hashFolder : otherLibrary, whenClosed::countDown,
                Integer.parseInt(XvfbDisplay.WIDTH), Integer.parseInt(XvfbDisplay.HEIGHT));
        app = edt(() -> new SwingApp(options));
        edt(() -> {
            app.show();
            return null;
        });
        until("the library opens", () -> app.frame().isShowing() && app.jobsPanel() != null
                && named("dispatch-count").isEnabled());
        // its control endpoint is on, so the window offers the web dashboard (DashboardBrowserTest drives that page)
        until("'Open dashboard' is offered", () -> named("open-dashboard").isEnabled());
    }

    /** Sends the close request a window manager sends for the title bar's close button. */
    private void closeWindow() throws Exception {
        edt(() -> {
            app.frame().dispatchEvent(new WindowEvent(app.frame(), WindowEvent.WINDOW_CLOSING));
            return null;
        });
        assertThat(closed.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the library closed and the window went")
                .isTrue();
        assertThat(edt(() -> app.frame().isDisplayable())).isFalse();
        app = null;
    }

    /** Moves the mouse to the middle of a component and clicks. */
    private void click(Component component) {
        Point at = edt(() -> {
            Point p = component.getLocationOnScreen();
            return new Point(p.x + component.getWidth() / 2, p.y + component.getHeight() / 2);
        });
        clickAt(at);
    }

    /** Clicks a job's row (its name cell). */
    private void clickRow(String id) {
        Point at = edt(() -> {
            JTable table = panel().table();
            int viewRow = table.convertRowIndexToView(row(id));
            Rectangle cell = table.getCellRect(viewRow, JobsTableModel.NAME_COLUMN, true);
            table.scrollRectToVisible(cell);
            Point p = table.getLocationOnScreen();
            return new Point(p.x + cell.x + cell.width / 2, p.y + cell.y + cell.height / 2);
        });
        clickAt(at);
        until("row selected", () -> panel().selectedJob() != null && panel().selectedJob().id().equals(id));
    }

    private static void clickAt(Point at) {
        robot.mouseMove(at.x, at.y);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.waitForIdle();
    }

    private void screenshot(Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        robot.waitForIdle();
        Optional<Path> imagemagick = XvfbDisplay.onPath("import");
        if (imagemagick.isEmpty()) {
            System.err.println("SwingAppE2ETest: ImageMagick's 'import' is not installed; no screenshot taken");
            return;
        }
        Process shot = new ProcessBuilder(imagemagick.get().toString(), "-window", "root", png.toString())
                .redirectErrorStream(true).start();
        assertThat(shot.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(shot.exitValue()).as(new String(shot.getInputStream().readAllBytes())).isZero();
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    // ---------------------------------------------------------------- reading the window (EDT)

    private JobsPanel panel() {
        return app.jobsPanel();
    }

    /** The component with this name in the window (a button, a label). */
    private Component named(String name) {
        List<Component> all = new ArrayList<>();
        collect(app.frame().getContentPane(), all);
        return all.stream().filter(c -> name.equals(c.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no component named " + name));
    }

    private static void collect(Container c, List<Component> into) {
        for (Component child : c.getComponents()) {
            into.add(child);
            if (child instanceof Container inner) {
                collect(inner, into);
            }
        }
    }

    /** Waits for a row whose job is not in {@code known} and returns the job's id. */
    private String awaitNewRow(Set<String> known) {
        AtomicReference<String> found = new AtomicReference<>();
        until("a new row", () -> {
            Optional<String> id = panel().model().jobs().stream().map(SwingJob::id).filter(i -> !known.contains(i))
                    .findFirst();
            id.ifPresent(found::set);
            return id.isPresent();
        });
        return found.get();
    }

    /** The id of the n-th top-level job (in row order) of a type. */
    private String idOf(String name, int n) {
        List<SwingJob> jobs = panel().model().jobs().stream()
                .filter(j -> j.name().equals(name) && j.getParentId() == null).toList();
        return jobs.get(jobs.size() > n ? n : jobs.size() - 1).id();
    }

    private int row(String id) {
        JobsTableModel model = panel().model();
        return model.find(id).map(model::rowOf).orElse(-1);
    }

    private SwingJob job(String id) {
        return panel().model().getJob(row(id));
    }

    private String cell(String id, int column) {
        JTable table = panel().table();
        int row = row(id);
        return row < 0 ? "" : String.valueOf(table.getValueAt(table.convertRowIndexToView(row), column));
    }

    private String status(String id) {
        return cell(id, JobsTableModel.STATUS_COLUMN);
    }

    private String note(String id) {
        return cell(id, JobsTableModel.NOTE_COLUMN);
    }

    /** The text the progress column's renderer paints on the bar. */
    private String progressText(String id) {
        JTable table = panel().table();
        int row = table.convertRowIndexToView(row(id));
        Component bar = table.prepareRenderer(table.getCellRenderer(row, JobsTableModel.PROGRESS_COLUMN), row,
                JobsTableModel.PROGRESS_COLUMN);
        return ((javax.swing.JProgressBar) bar).getString();
    }

    private int count(String id) {
        String text = progressText(id);
        return text.matches("\\d+ / \\d+") ? Integer.parseInt(text.split(" ")[0]) : -1;
    }

    private String statusLine() {
        return ((JLabel) named("status-line")).getText();
    }

    private static <T> T edt(Callable<T> c) {
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    value.set(c.call());
                } catch (Exception e) {
                    failure.set(e);
                }
            });
        } catch (InvocationTargetException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        return value.get();
    }

    /** Waits until {@code condition}, evaluated on the EDT, holds; a timeout tells what the window showed. */
    private void until(String what, Callable<Boolean> condition) {
        try {
            await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(25)).ignoreExceptions()
                    .until(() -> edt(condition));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\nThe window showed:\n" + windowText(), e);
        }
    }

    /** The status line and every row, for a failure message. */
    private String windowText() {
        return edt(() -> {
            StringBuilder text = new StringBuilder("status line: ").append(statusLine());
            if (panel() != null) {
                JTable table = panel().table();
                for (int row = 0; row < table.getRowCount(); row++) {
                    text.append("\n  ");
                    for (int column = 0; column < table.getColumnCount(); column++) {
                        Object value = table.getValueAt(row, column);
                        text.append(value instanceof SwingJob job ? job.getMessage() + " (" + job.id() + ")" : value)
                                .append(" | ");
                    }
                }
            }
            return text.toString();
        });
    }
}
