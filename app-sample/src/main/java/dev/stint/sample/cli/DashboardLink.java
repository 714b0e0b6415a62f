package dev.stint.sample.cli;

import dev.stint.Library;
import dev.stint.RemoteLibrary;
import dev.stint.StintException;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The way into a library's web dashboard, shared by {@code stint dashboard} and the desktop apps' "Open dashboard":
 * find the process that serves the library's control endpoint ({@link RemoteLibrary#find}), ask it for a login
 * ticket with the token (which never leaves this process), and hand the ticket's URL to the browser. The URL
 * works once, within a minute: what stays in the browser's history grants nothing.
 */
public final class DashboardLink {

    private DashboardLink() {
    }

    /**
     * A single-use login URL for the dashboard of the process serving {@code libraryDir} (this one included), or
     * empty when no live process announces an endpoint there. Blocks for one request to the endpoint: call it off
     * a UI thread.
     *
     * @throws dev.stint.StintException if the endpoint refuses or does not answer
     */
    public static Optional<URI> loginUrl(Path libraryDir) {
        Optional<RemoteLibrary> found = RemoteLibrary.find(libraryDir);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try (RemoteLibrary remote = found.get()) {
            return Optional.of(remote.dashboardTicket().url());
        }
    }

    /** Whether the desktop apps offer "Open dashboard" for this library: its control endpoint is on. */
    public static boolean offered(Library library) {
        return library.controlUri().isPresent();
    }

    /**
     * The desktop apps' "Open dashboard": a login URL from the library's own endpoint, opened in the desktop's
     * browser ({@link #browse}). Blocks for a request and the browser's start: call it off the UI thread.
     *
     * @return what happened, as a sentence for the window's status line (with the URL when no browser opened)
     */
    public static String openFromApp(Library library) {
        return openFromApp(library, DashboardLink::browse);
    }

    /**
     * {@link #openFromApp(Library)} with another way to open the URL (tests: one that records it).
     *
     * @param browser opens the URL; false when it cannot
     */
    static String openFromApp(Library library, Predicate<URI> browser) {
        if (!offered(library)) {
            return "This library's control endpoint is off, so it has no dashboard.";
        }
        try {
            Optional<URI> url = loginUrl(library.dir());
            if (url.isEmpty()) {
                return "The dashboard is not available: the library's control.json is missing.";
            }
            return browser.test(url.get())
                    ? "Opened the dashboard in your browser."
                    : "Open this link in a browser within a minute (it works once): " + url.get();
        } catch (StintException e) {
            return "Could not open the dashboard: " + e.getMessage();
        }
    }

    /** Whether {@link #browse} can open a browser here (a desktop session with a default browser). */
    public static boolean canBrowse() {
        return !GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE);
    }

    /**
     * Opens {@code url} in the desktop's default browser. May block while the desktop starts it: call it off a UI
     * thread.
     *
     * @return false when there is no browser to open it in (then show the URL instead)
     */
    public static boolean browse(URI url) {
        if (!canBrowse()) {
            return false;
        }
        try {
            Desktop.getDesktop().browse(url);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
