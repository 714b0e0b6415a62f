package dev.stint.sample.cli;

import dev.stint.ControlEndpointException;
import dev.stint.Library;
import dev.stint.LibraryLockedException;
import dev.stint.RemoteLibrary;
import dev.stint.sample.Main;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code dashboard [--no-browser]}: opens the web dashboard of the process that holds the library (a desktop app, or
 * {@code stint run}) through its control endpoint. It asks that process for a single-use login ticket
 * ({@link RemoteLibrary#dashboardTicket()}), prints the ticket's URL on standard output and, unless
 * {@code --no-browser} is given, opens it in the desktop's browser when there is one ({@link DashboardLink}).
 *
 * <p>As for {@code watch}: when no process holds the library it says so and how to start one, and exits with
 * {@link Main#EXIT_NOT_HELD} (it opens the library only for that check, never longer); a holder without a control
 * endpoint is a {@link NoControlEndpointException} (exit code 3).
 */
public final class DashboardCommand {

    private DashboardCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int execute(CommandLine line, Console console) {
        line.expect(0, 0, "library", "database-folder", "no-browser");
        Path dir = line.libraryDir(console.env());
        HolderEndpoint.Found found = HolderEndpoint.holder(dir, "dashboard", () -> notHeld(line, dir, console));
        if (found.remote() == null) {
            return found.exitCode();
        }
        Optional<RemoteLibrary> remote = Optional.of(found.remote());
        URI url;
        try (RemoteLibrary library = remote.get()) {
            url = library.dashboardTicket().url();
        } catch (ControlEndpointException e) {
            if (!"transport".equals(e.code())) {
                throw e;
            }
            // no answer: the holder went away since it wrote control.json
            return notHeld(line, dir, console);
        }
        console.out().println(url);
        console.out().flush();
        boolean opened = !line.options().contains("no-browser") && DashboardLink.browse(url);
        console.err().println(opened
                ? "stint: opened the dashboard in your browser (the link above works once, within a minute)"
                : "stint: open the link above in a browser on this machine within a minute; it works once");
        return 0;
    }

    /**
     * Nobody announces an endpoint: if nobody holds the library either, says how to start a holder (exit 4). Checked
     * by opening the library for a moment, as {@code list} would.
     *
     * @throws LibraryLockedException if a process holds it
     */
    private static int notHeld(CommandLine line, Path dir, Console console) {
        Path databaseFolder = line.databaseFolder(console.env());
        Path db = (databaseFolder != null ? databaseFolder : dir).resolve("jobs.db");
        if (Files.exists(db)) {
            try (Library library = Libraries.openIdle(dir, databaseFolder)) {
                // nobody holds it: closed again at once
            }
        }
        console.err().println(TerminalText.safeLines("stint: no process has library " + dir
                + " open, so there is no dashboard to show.\n"
                + "Open it in an app with the control endpoint on, then run 'stint dashboard' again, for example:\n"
                + "  stint gui --library " + dir + "      (or: stint swing --library " + dir + ")\n"
                + "  stint run --library " + dir + "      (serves it while it runs jobs)\n"
                + "Your own app turns the endpoint on with"
                + " Library.Builder.controlEndpoint(ControlEndpoint.loopback())."));
        return Main.EXIT_NOT_HELD;
    }
}
