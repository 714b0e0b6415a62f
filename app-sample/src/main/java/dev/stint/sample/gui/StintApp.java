package dev.stint.sample.gui;

import dev.stint.ControlEndpoint;
import dev.stint.JobInfo;
import dev.stint.Library;
import dev.stint.LibraryLockedException;
import dev.stint.fx.JobsView;
import dev.stint.sample.cli.DashboardLink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The sample's desktop app: one window over one library folder. Buttons dispatch the demo jobs; a
 * {@link JobsView} shows every job with its progress, status, time left and pause / resume / cancel /
 * retry buttons. "Open library…" switches to another folder.
 *
 * <p>Closing the window shuts the library down gracefully (running jobs save their state) on a background
 * thread, then exits. Opened again, the window shows jobs interrupted by the close resuming by themselves
 * and jobs the user paused still paused, and says so in its status line.
 */
public final class StintApp extends Application {

    /**
     * How the window is set up.
     *
     * @param library the library folder to open first
     * @param folderChooser asks the user for a folder (to hash, or a library to open) with a dialog title;
     *     returns null when cancelled
     * @param afterClose runs on the FX thread after the window closed and the library is closed
     * @param width the window's width
     * @param height the window's height
     */
    public record Options(Path library, BiFunction<Window, String, Path> folderChooser, Runnable afterClose, double width,
            double height) {

        /** Checks the values. */
        public Options {
            Objects.requireNonNull(library, "library");
            Objects.requireNonNull(folderChooser, "folderChooser");
            Objects.requireNonNull(afterClose, "afterClose");
        }

        /** A 1180×640 window with a directory chooser that exits the application when closed. */
        public static Options of(Path library) {
            return new Options(library, StintApp::chooseFolder, Platform::exit, 1180, 640);
        }
    }

    private final Options preset;
    private Options options;
    private Stage stage;
    private final BorderPane root = new BorderPane();
    private final Label libraryLabel = new Label();
    private final Label statusLine = new Label();
    private final Button openButton = new Button("Open library…");
    private final Button dashboardButton = new Button("Open dashboard");
    private final List<Button> dispatchButtons = new ArrayList<>();
    private Session session;
    private CompletableFuture<Void> opening = CompletableFuture.completedFuture(null);
    private boolean closing;

    /** The open library and what shows it. */
    private record Session(Library library, JobsView view, Dispatches dispatches) {
    }

    /** For {@link Application#launch}: the library comes from {@code --library DIR}. */
    public StintApp() {
        this(null);
    }

    /** A window set up by the caller (tests, embedding). */
    public StintApp(Options options) {
        this.preset = options;
    }

    /** The library open in the window launched by {@link #launchWindow}, for the shutdown hook. */
    private static volatile Library launched;
    private static final Object CLOSE_LOCK = new Object();

    /**
     * Opens the window on {@code library} and returns when it is closed (and the library with it). Ctrl-C
     * or SIGTERM in the terminal close the library gracefully too.
     */
    public static void launchWindow(Path library) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Library open = launched;
            if (open != null) {
                closeLibrary(open);
            }
        }, "stint-gui-shutdown"));
        Application.launch(StintApp.class, "--library", library.toString());
    }

    /** Closes a library; a second caller waits until the first close has finished. */
    private static void closeLibrary(Library library) {
        synchronized (CLOSE_LOCK) {
            library.close();
        }
    }

    @Override
    public void start(Stage primaryStage) {
        this.options = preset != null ? preset : Options.of(libraryFromParameters());
        this.stage = primaryStage;
        buildWindow();
        Scene scene = new Scene(root, options.width(), options.height());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), this::closeWindow);
        stage.setScene(scene);
        stage.setTitle("Stint");
        stage.setOnCloseRequest(event -> {
            event.consume(); // the window hides once the library is closed
            closeWindow();
        });
        stage.show();
        open(options.library());
    }

    /** Closes the library if the application is stopped without closing the window. */
    @Override
    public void stop() {
        Session s = session;
        session = null;
        if (s != null) {
            s.view().close();
            closeLibrary(s.library());
        }
    }

    /** The jobs view of the open library, or null while none is open (for tests). */
    public JobsView jobsView() {
        Session s = session;
        return s == null ? null : s.view();
    }

    private Path libraryFromParameters() {
        List<String> raw = getParameters().getRaw();
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i).equals("--library") && i + 1 < raw.size()) {
                return Path.of(raw.get(i + 1));
            }
            if (raw.get(i).startsWith("--library=")) {
                return Path.of(raw.get(i).substring("--library=".length()));
            }
        }
        return Path.of(System.getProperty("user.home"), GuiCommand.DEFAULT_LIBRARY);
    }

    // ---------------------------------------------------------------- window

    private void buildWindow() {
        openButton.setId("open-library");
        openButton.setOnAction(e -> chooseLibrary());
        libraryLabel.setId("library-path");
        libraryLabel.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(libraryLabel, Priority.ALWAYS);
        dashboardButton.setId("open-dashboard");
        dashboardButton.setTooltip(new Tooltip("Open this library's web dashboard in your browser"));
        dashboardButton.setOnAction(e -> openDashboard());
        dashboardButton.setDisable(true);
        HBox libraryBar = new HBox(10, openButton, libraryLabel, dashboardButton);
        libraryBar.setAlignment(Pos.CENTER_LEFT);

        Label dispatchLabel = new Label("Dispatch:");
        FlowPane dispatchBar = new FlowPane(6, 6, dispatchLabel);
        dispatchBar.setAlignment(Pos.CENTER_LEFT);
        dispatchButtons.clear();
        for (DemoJob demo : DemoJob.values()) {
            Button button = new Button(demo.label());
            button.setId(demo.buttonId());
            button.setOnAction(e -> dispatch(demo));
            button.setDisable(true);
            dispatchButtons.add(button);
            dispatchBar.getChildren().add(button);
        }
        VBox top = new VBox(8, libraryBar, dispatchBar);
        top.setPadding(new Insets(10));
        root.setTop(top);

        statusLine.setId("status-line");
        statusLine.setMaxWidth(Double.MAX_VALUE);
        statusLine.setPadding(new Insets(6, 10, 8, 10));
        root.setBottom(statusLine);
        root.setCenter(new Label("No library open"));
    }

    private void status(String text) {
        statusLine.setText(text);
    }

    private void setDispatchEnabled(boolean enabled) {
        dispatchButtons.forEach(b -> b.setDisable(!enabled));
        Session s = session;
        dashboardButton.setDisable(!enabled || s == null || !DashboardLink.offered(s.library()));
    }

    // ---------------------------------------------------------------- opening and closing

    private void open(Path dir) {
        setDispatchEnabled(false);
        openButton.setDisable(true);
        libraryLabel.setText(dir.toString());
        stage.setTitle("Stint — " + dir);
        root.setCenter(new Label("Opening " + dir + "…"));
        status("Opening " + dir + "…");
        CompletableFuture<Void> done = new CompletableFuture<>();
        opening = done;
        Thread.ofVirtual().name("stint-gui-open").start(() -> {
            Library library = null;
            try {
                // not started yet: the window first shows the jobs as the restart rules left them
                // eight workers (virtual threads): every demo job runs at once, children of a tree included;
                // the control endpoint on: 'stint list', 'pause', 'watch' in a terminal go through this window
                library = SampleLibraries.builder(dir).controlEndpoint(ControlEndpoint.loopback()).concurrency(8)
                        .autoStart(false).open();
                Dispatches dispatches = new Dispatches(library);
                List<JobInfo> active = library.activeJobs();
                Library opened = library;
                Platform.runLater(() -> {
                    try {
                        showLibrary(opened, dispatches, active);
                    } finally {
                        done.complete(null);
                    }
                });
            } catch (RuntimeException e) {
                if (library != null) {
                    library.close();
                }
                Platform.runLater(() -> {
                    showOpenFailure(dir, e);
                    done.complete(null);
                });
            }
        });
    }

    private void showLibrary(Library library, Dispatches dispatches, List<JobInfo> active) {
        if (closing) {
            Thread.ofVirtual().start(library::close);
            return;
        }
        JobsView view = new JobsView(library);
        view.setId("jobs");
        view.jobs().setRetryHandler(dispatches::retry);
        view.jobs().commandErrorHandlerProperty().set(e -> status("That did not work: " + e.getMessage()));
        view.setPlaceholder(new Label("No jobs yet: dispatch one with the buttons above."));
        session = new Session(library, view, dispatches);
        if (preset == null) {
            launched = library;
        }
        root.setCenter(view);
        BorderPane.setMargin(view, new Insets(0, 10, 0, 10));
        setDispatchEnabled(true); // and "Open dashboard" when the library's endpoint is on
        openButton.setDisable(false);
        status(summary(library.dir(), active));
        library.start();
    }

    private void showOpenFailure(Path dir, RuntimeException e) {
        String why = e instanceof LibraryLockedException
                ? dir + " is open in another window or process. Close it there, or open another library."
                : "Could not open " + dir + ": " + e.getMessage();
        root.setCenter(new Label(why));
        status(why);
        openButton.setDisable(false);
    }

    /** What the restart rules did, in words (see {@link OpenSummary}). */
    static String summary(Path dir, List<JobInfo> active) {
        return OpenSummary.of(dir, active);
    }

    /** Closes the library (in the background), then the window, then runs {@code afterClose}. */
    private void closeWindow() {
        if (closing) {
            return;
        }
        closing = true;
        root.setDisable(true);
        status("Closing: running jobs are saving their state…");
        opening.whenComplete((v, t) -> Platform.runLater(() -> closeSession(() -> {
            stage.hide();
            closing = false;
            root.setDisable(false);
            options.afterClose().run();
        })));
    }

    /** Closes the open library, if any, off the FX thread; then runs {@code then} on the FX thread. */
    private void closeSession(Runnable then) {
        Session s = session;
        session = null;
        if (s == null) {
            then.run();
            return;
        }
        s.view().close();
        Thread.ofVirtual().name("stint-gui-close").start(() -> {
            try {
                closeLibrary(s.library());
            } finally {
                Platform.runLater(then);
            }
        });
    }

    private void chooseLibrary() {
        Path dir = options.folderChooser().apply(stage, "Open a library folder");
        if (dir == null) {
            return;
        }
        setDispatchEnabled(false);
        openButton.setDisable(true);
        status("Closing " + libraryLabel.getText() + "…");
        opening.whenComplete((v, t) -> Platform.runLater(() -> closeSession(() -> open(dir))));
    }

    /** "Open dashboard": a single-use login link from the library's own endpoint, opened in the browser. */
    private void openDashboard() {
        Session s = session;
        if (s == null) {
            return;
        }
        dashboardButton.setDisable(true);
        status("Opening the dashboard…");
        Thread.ofVirtual().name("stint-gui-dashboard").start(() -> {
            String result = DashboardLink.openFromApp(s.library());
            Platform.runLater(() -> {
                status(result);
                dashboardButton.setDisable(session != s);
            });
        });
    }

    // ---------------------------------------------------------------- dispatching

    private void dispatch(DemoJob demo) {
        Session s = session;
        if (s == null) {
            return;
        }
        String json = demo.json();
        if (demo == DemoJob.HASH) {
            Path folder = options.folderChooser().apply(stage, "Choose a folder to hash");
            if (folder == null) {
                return;
            }
            json = DemoJob.hashArguments(folder);
        }
        String arguments = json;
        Thread.ofVirtual().name("stint-gui-dispatch").start(() -> {
            try {
                String id = s.dispatches().dispatch(demo, arguments);
                Platform.runLater(() -> status("Dispatched " + demo.jobName() + " " + id + "."));
            } catch (RuntimeException e) {
                Platform.runLater(() -> status("Could not dispatch " + demo.jobName() + ": " + e.getMessage()));
            }
        });
    }

    private static Path chooseFolder(Window owner, String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        Path home = Path.of(System.getProperty("user.home"));
        if (Files.isDirectory(home)) {
            chooser.setInitialDirectory(home.toFile());
        }
        java.io.File chosen = chooser.showDialog(owner);
        return chosen == null ? null : chosen.toPath();
    }
}
