package dev.stint.sample.gui;

import dev.stint.sample.cli.CommandLine;
import dev.stint.sample.cli.Console;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code gui [--library DIR]}: opens the desktop app on a library folder ({@code --library}, else
 * {@code $STINT_LIBRARY}, else {@code ~/stint-demo}) and returns when its window closes. This class loads
 * no JavaFX class itself: the console's other commands never touch JavaFX, and a machine without a display
 * gets a clear message instead of a toolkit error.
 */
public final class GuiCommand {
    /** The library folder under the user's home used when none is given. */
    public static final String DEFAULT_LIBRARY = "stint-demo";

    private GuiCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int execute(CommandLine line, Console console) {
        line.expect(0, 0, "library");
        Path dir = libraryDir(line, console.env());
        if (!hasDisplay(console.env())) {
            console.err().println("stint: no display to open a window on (DISPLAY is not set); on a machine"
                    + " without one, run the console instead: stint demo --library " + dir);
            return 1;
        }
        console.err().println("stint: opening " + dir + " in a window");
        StintApp.launchWindow(dir);
        return 0;
    }

    /** {@code --library}, else {@code $STINT_LIBRARY}, else {@code ~/stint-demo}. */
    public static Path libraryDir(CommandLine line, Map<String, String> env) {
        if (line.library() != null) {
            return Path.of(line.library()).toAbsolutePath();
        }
        String fromEnv = env.get(CommandLine.LIBRARY_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), DEFAULT_LIBRARY);
    }

    /** Whether a window can be opened: Windows, macOS, or a {@code DISPLAY} or {@code WAYLAND_DISPLAY} is set. */
    public static boolean hasDisplay(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        return notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
