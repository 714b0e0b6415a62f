package dev.stint.sample.gui;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The X display a GUI test runs on: an X server already serving {@code $DISPLAY} (one started by an
 * earlier test class or by hand), or an {@code Xvfb} that this class starts. Without either, the caller
 * skips its tests with the reason given (what to install).
 *
 * <p>The Xvfb it starts is never stopped while this JVM runs (JavaFX's GTK toolkit ends the process when
 * its X server goes away): a small shell watchdog stops it once this JVM has exited.
 */
public final class XvfbDisplay {
    public static final String WIDTH = "1280";
    public static final String HEIGHT = "800";

    private final String display;
    private final Process started;

    private XvfbDisplay(String display, Process started) {
        this.display = display;
        this.started = started;
    }

    /**
     * Makes sure an X server serves {@code $DISPLAY} (the build sets it to a private display, {@code :99}),
     * starting Xvfb there if needed.
     *
     * @return the display, or empty with the reason when there is none and no Xvfb to start one
     */
    public static Result ensure(Path log) throws IOException {
        String display = System.getenv("DISPLAY");
        if (display == null || !display.matches(":\\d+(\\.\\d+)?")) {
            return Result.skip("GUI end-to-end test skipped: DISPLAY is not a local display number (" + display
                    + "); the Maven build sets DISPLAY=:99 for it");
        }
        int number = Integer.parseInt(display.substring(1).replaceAll("\\..*", ""));
        if (serving(number)) {
            return new Result(new XvfbDisplay(display, null), null);
        }
        Optional<Path> xvfb = onPath("Xvfb");
        if (xvfb.isEmpty()) {
            return Result.skip("GUI end-to-end test skipped: Xvfb is not installed (install the 'xvfb' package,"
                    + " for example 'apt-get install xvfb'; .ci/run installs it)");
        }
        // Xvfb in the background; `tail --pid` returns when this JVM is gone, then Xvfb is stopped
        String watchdog = "\"$0\" \"$@\" & x=$!; tail --pid=" + ProcessHandle.current().pid()
                + " -f /dev/null; kill $x";
        Process process = new ProcessBuilder("sh", "-c", watchdog, xvfb.get().toString(), display, "-screen", "0",
                WIDTH + "x" + HEIGHT + "x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path socket = Path.of("/tmp/.X11-unix/X" + number);
        await("Xvfb serves " + display).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(socket) || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("Xvfb " + display + " did not start: " + Files.readString(log));
        }
        return new Result(new XvfbDisplay(display, process), null);
    }

    /** A display, or why there is none. */
    public record Result(XvfbDisplay display, String skipReason) {
        static Result skip(String reason) {
            System.err.println(reason);
            return new Result(null, reason);
        }
    }

    @Override
    public String toString() {
        return display + (started != null ? " (Xvfb started by this JVM)" : " (already served)");
    }

    /** Whether a live X server holds the display's lock file. */
    private static boolean serving(int number) {
        Path lock = Path.of("/tmp/.X" + number + "-lock");
        try {
            long pid = Long.parseLong(Files.readString(lock).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    && Files.exists(Path.of("/tmp/.X11-unix/X" + number));
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** A program on PATH. */
    public static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
