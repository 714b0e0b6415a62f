package dev.stint.sample.swing;

import dev.stint.ControlEndpoint;
import dev.stint.JobInfo;
import dev.stint.Library;
import dev.stint.LibraryLockedException;
import dev.stint.sample.cli.DashboardLink;
import dev.stint.sample.gui.DemoJob;
import dev.stint.sample.gui.Dispatches;
import dev.stint.sample.gui.OpenSummary;
import dev.stint.sample.gui.SampleLibraries;
import dev.stint.swing.JobsPanel;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Container;
import java.awt.FlowLayout;
import java.awt.Toolkit;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.KeyStroke;
import javax.swing.SwingConstants;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import javax.swing.WindowConstants;

/**
 * The sample's Swing desktop app: one window over one library folder, the same demo as the JavaFX one
 * ({@code stint gui}). Buttons dispatch the demo jobs; a {@link JobsPanel} shows every job with its
 * progress, status, time left and note, and Pause / Resume / Cancel / Retry buttons for the selected job.
 * "Open library…" switches to another folder.
 *
 * <p>Closing the window shuts the library down gracefully (running jobs save their state) on a background
 * thread, then the window goes. Opened again, the window shows jobs interrupted by the close resuming by
 * themselves and jobs the user paused still paused, and says so in its status line. Create and use it on the
 * event dispatch thread.
 */
public final class SwingApp {

    /**
     * How the window is set up.
     *
     * @param library the library folder to open first
     * @param folderChooser asks the user for a folder (to hash, or a library to open) with a dialog title;
     *     returns null when cancelled
     * @param afterClose runs on the event dispatch thread after the library is closed and the window disposed
     * @param width the window's width
     * @param height the window's height
     */
    public record Options(Path library, BiFunction<Component, String, Path> folderChooser, Runnable afterClose,
            int width, int height) {

        /** Checks the values. */
        public Options {
            Objects.requireNonNull(library, "library");
            Objects.requireNonNull(folderChooser, "folderChooser");
            Objects.requireNonNull(afterClose, "afterClose");
        }

        /** A 1180×640 window with a folder chooser dialog, doing nothing more after it closes. */
        public static Options of(Path library) {
            return new Options(library, SwingApp::chooseFolder, () -> { }, 1180, 640);
        }
    }

    /** The open library and what shows it. */
    private record Session(Library library, JobsPanel panel, Dispatches dispatches) {
    }

    private static final Object CLOSE_LOCK = new Object();
    /** The library open in the window launched by {@link #launchWindow}, for the shutdown hook. */
    private static volatile Library launched;

    private final Options options;
    private final boolean launchedByCommand;
    private final JFrame frame = new JFrame("Stint (Swing)");
    private final JPanel root = new JPanel(new BorderLayout());
    private final JLabel libraryLabel = new JLabel();
    private final JLabel statusLine = new JLabel(" ");
    private final JButton openButton = new JButton("Open library…");
    private final JButton dashboardButton = new JButton("Open dashboard");
    private final List<JButton> dispatchButtons = new ArrayList<>();
    private Session session;
    private CompletableFuture<Void> opening = CompletableFuture.completedFuture(null);
    private boolean closing;

    /** A window set up by the caller (tests, embedding). EDT. */
    public SwingApp(Options options) {
        this(options, false);
    }

    private SwingApp(Options options, boolean launchedByCommand) {
        this.options = Objects.requireNonNull(options, "options");
        this.launchedByCommand = launchedByCommand;
        useNimbus();
        buildWindow();
    }

    /**
     * Opens the window on {@code library} and returns when it is closed (and the library with it). Ctrl-C
     * or SIGTERM in the terminal close the library gracefully too.
     */
    public static void launchWindow(Path library) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Library open = launched;
            if (open != null) {
                closeLibrary(open);
            }
        }, "stint-swing-shutdown"));
        CountDownLatch closed = new CountDownLatch(1);
        Options defaults = Options.of(library);
        Options options = new Options(library, defaults.folderChooser(), closed::countDown, defaults.width(),
                defaults.height());
        SwingUtilities.invokeLater(() -> new SwingApp(options, true).show());
        closed.await();
    }

    /** Shows the window and opens the library. EDT. */
    public void show() {
        frame.setLocationRelativeTo(null);
        frame.setVisible(true);
        open(options.library());
    }

    /** The window. */
    public JFrame frame() {
        return frame;
    }

    /** The jobs panel of the open library, or null while none is open. EDT. */
    public JobsPanel jobsPanel() {
        Session s = session;
        return s == null ? null : s.panel();
    }

    /** Closes the library (in the background), then the window, as its close button does. EDT. */
    public void close() {
        closeWindow();
    }

    /** Closes a library; a second caller waits until the first close has finished. */
    private static void closeLibrary(Library library) {
        synchronized (CLOSE_LOCK) {
            library.close();
        }
    }

    private static void useNimbus() {
        if (UIManager.getLookAndFeel().getClass().getName().contains("Nimbus")) {
            return;
        }
        for (UIManager.LookAndFeelInfo laf : UIManager.getInstalledLookAndFeels()) {
            if (laf.getName().equals("Nimbus")) {
                try {
                    UIManager.setLookAndFeel(laf.getClassName());
                } catch (ReflectiveOperationException | javax.swing.UnsupportedLookAndFeelException e) {
                    // the default look is fine too
                }
                return;
            }
        }
    }

    // ---------------------------------------------------------------- window

    private void buildWindow() {
        openButton.setName("open-library");
        openButton.addActionListener(e -> chooseLibrary());
        libraryLabel.setName("library-path");
        JPanel libraryBar = new JPanel(new FlowLayout(FlowLayout.LEFT, 10, 0));
        libraryBar.add(openButton);
        libraryBar.add(libraryLabel);
        dashboardButton.setName("open-dashboard");
        dashboardButton.setToolTipText("Open this library's web dashboard in your browser");
        dashboardButton.addActionListener(e -> openDashboard());
        dashboardButton.setEnabled(false);
        libraryBar.add(dashboardButton);

        JPanel dispatchBar = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
        dispatchBar.add(new JLabel("Dispatch:"));
        for (DemoJob demo : DemoJob.values()) {
            JButton button = new JButton(demo.label());
            button.setName(demo.buttonId());
            button.addActionListener(e -> dispatch(demo));
            button.setEnabled(false);
            dispatchButtons.add(button);
            dispatchBar.add(button);
        }
        JPanel top = new JPanel();
        top.setLayout(new BoxLayout(top, BoxLayout.Y_AXIS));
        top.setBorder(BorderFactory.createEmptyBorder(10, 0, 8, 0));
        libraryBar.setAlignmentX(Component.LEFT_ALIGNMENT);
        dispatchBar.setAlignmentX(Component.LEFT_ALIGNMENT);
        top.add(libraryBar);
        top.add(javax.swing.Box.createVerticalStrut(8));
        top.add(dispatchBar);
        root.add(top, BorderLayout.NORTH);

        statusLine.setName("status-line");
        statusLine.setBorder(BorderFactory.createEmptyBorder(4, 10, 6, 10));
        root.add(statusLine, BorderLayout.SOUTH);
        center(new JLabel("No library open", SwingConstants.CENTER));

        frame.setContentPane(root);
        frame.setSize(options.width(), options.height());
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                closeWindow(); // the window goes once the library is closed
            }
        });
        KeyStroke quit = KeyStroke.getKeyStroke(KeyEvent.VK_Q, Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx());
        root.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(quit, "quit");
        root.getActionMap().put("quit", new AbstractAction() {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                closeWindow();
            }
        });
    }

    private void center(JComponent component) {
        BorderLayout layout = (BorderLayout) root.getLayout();
        Component old = layout.getLayoutComponent(BorderLayout.CENTER);
        if (old != null) {
            root.remove(old);
        }
        JPanel padded = new JPanel(new BorderLayout());
        padded.setBorder(BorderFactory.createEmptyBorder(0, 10, 0, 10));
        padded.add(component, BorderLayout.CENTER);
        root.add(padded, BorderLayout.CENTER);
        root.revalidate();
        root.repaint();
    }

    private void status(String text) {
        statusLine.setText(text);
    }

    private void setDispatchEnabled(boolean enabled) {
        dispatchButtons.forEach(b -> b.setEnabled(enabled));
        Session s = session;
        dashboardButton.setEnabled(enabled && s != null && DashboardLink.offered(s.library()));
    }

    private static void setEnabledTree(Container c, boolean enabled) {
        for (Component child : c.getComponents()) {
            child.setEnabled(enabled);
            if (child instanceof Container inner) {
                setEnabledTree(inner, enabled);
            }
        }
    }

    // ---------------------------------------------------------------- opening and closing

    private void open(Path dir) {
        setDispatchEnabled(false);
        openButton.setEnabled(false);
        libraryLabel.setText(dir.toString());
        frame.setTitle("Stint (Swing) — " + dir);
        center(new JLabel("Opening " + dir + "…", SwingConstants.CENTER));
        status("Opening " + dir + "…");
        CompletableFuture<Void> done = new CompletableFuture<>();
        opening = done;
        Thread.ofVirtual().name("stint-swing-open").start(() -> {
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
                SwingUtilities.invokeLater(() -> {
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
                SwingUtilities.invokeLater(() -> {
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
        JobsPanel panel = new JobsPanel(library);
        panel.setName("jobs");
        panel.model().setRetryHandler(dispatches::retry);
        panel.model().setCommandErrorHandler(e -> status("That did not work: " + e.getMessage()));
        session = new Session(library, panel, dispatches);
        if (launchedByCommand) {
            launched = library;
        }
        center(panel);
        setDispatchEnabled(true); // and "Open dashboard" when the library's endpoint is on
        openButton.setEnabled(true);
        status(OpenSummary.of(library.dir(), active));
        library.start();
    }

    private void showOpenFailure(Path dir, RuntimeException e) {
        String why = e instanceof LibraryLockedException
                ? dir + " is open in another window or process. Close it there, or open another library."
                : "Could not open " + dir + ": " + e.getMessage();
        center(new JLabel(why, SwingConstants.CENTER));
        status(why);
        openButton.setEnabled(true);
    }

    /** Closes the library (in the background), then disposes the window, then runs {@code afterClose}. */
    private void closeWindow() {
        if (closing) {
            return;
        }
        closing = true;
        setEnabledTree(root, false);
        statusLine.setEnabled(true);
        status("Closing: running jobs are saving their state…");
        opening.whenComplete((v, t) -> SwingUtilities.invokeLater(() -> closeSession(() -> {
            frame.dispose();
            closing = false;
            options.afterClose().run();
        })));
    }

    /** Closes the open library, if any, off the EDT; then runs {@code then} on the EDT. */
    private void closeSession(Runnable then) {
        Session s = session;
        session = null;
        if (s == null) {
            then.run();
            return;
        }
        s.panel().close();
        Thread.ofVirtual().name("stint-swing-close").start(() -> {
            try {
                closeLibrary(s.library());
            } finally {
                SwingUtilities.invokeLater(then);
            }
        });
    }

    private void chooseLibrary() {
        Path dir = options.folderChooser().apply(frame, "Open a library folder");
        if (dir == null) {
            return;
        }
        setDispatchEnabled(false);
        openButton.setEnabled(false);
        status("Closing " + libraryLabel.getText() + "…");
        opening.whenComplete((v, t) -> SwingUtilities.invokeLater(() -> closeSession(() -> open(dir))));
    }

    // ---------------------------------------------------------------- dispatching

    /** "Open dashboard": a single-use login link from the library's own endpoint, opened in the browser. */
    private void openDashboard() {
        Session s = session;
        if (s == null) {
            return;
        }
        dashboardButton.setEnabled(false);
        status("Opening the dashboard…");
        Thread.ofVirtual().name("stint-swing-dashboard").start(() -> {
            String result = DashboardLink.openFromApp(s.library());
            SwingUtilities.invokeLater(() -> {
                status(result);
                dashboardButton.setEnabled(session == s);
            });
        });
    }

    private void dispatch(DemoJob demo) {
        Session s = session;
        if (s == null) {
            return;
        }
        String json = demo.json();
        if (demo == DemoJob.HASH) {
            Path folder = options.folderChooser().apply(frame, "Choose a folder to hash");
            if (folder == null) {
                return;
            }
            json = DemoJob.hashArguments(folder);
        }
        String arguments = json;
        Thread.ofVirtual().name("stint-swing-dispatch").start(() -> {
            try {
                String id = s.dispatches().dispatch(demo, arguments);
                SwingUtilities.invokeLater(() -> status("Dispatched " + demo.jobName() + " " + id + "."));
            } catch (RuntimeException e) {
                SwingUtilities.invokeLater(() -> status("Could not dispatch " + demo.jobName() + ": " + e.getMessage()));
            }
        });
    }

    private static Path chooseFolder(Component owner, String title) {
        JFileChooser chooser = new JFileChooser();
        chooser.setDialogTitle(title);
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        Path home = Path.of(System.getProperty("user.home"));
        if (Files.isDirectory(home)) {
            chooser.setCurrentDirectory(home.toFile());
        }
        return chooser.showOpenDialog(owner) == JFileChooser.APPROVE_OPTION ? chooser.getSelectedFile().toPath() : null;
    }
}
