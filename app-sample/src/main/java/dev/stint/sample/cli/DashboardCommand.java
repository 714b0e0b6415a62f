package dev.stint.sample.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code dashboard [--no-browser]}: opens the web dashboard of the process that holds the library (a desktop app,
 * or {@code stint run}) through its control endpoint. It asks that process for a single-use login ticket
 * ({@link DashboardLink}), prints the ticket's URL on standard output and, unless {@code --no-browser} is given,
 * opens it in the desktop's browser when there is one. When no process serves the library it says how to start one
 * and exits with {@link #EXIT_NOT_SERVED}.
 */
public final class DashboardCommand {

    /** Exit code when no running process serves the library's control endpoint. */
    public static final int EXIT_NOT_SERVED = 4;

    private DashboardCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int execute(CommandLine line, Console console) {
        line.expect(0, 0, "library", "no-browser");
        Path dir = line.libraryDir(console.env());
        Optional<URI> url = DashboardLink.loginUrl(dir);
        if (url.isEmpty()) {
            console.err().println(TerminalText.safeLines(notServed(dir)));
            return EXIT_NOT_SERVED;
        }
        console.out().println(url.get());
        console.out().flush();
        boolean opened = !line.options().contains("no-browser") && DashboardLink.browse(url.get());
        console.err().println(opened
                ? "opened the dashboard in your browser (the link above works once, within a minute)"
                : "open the link above in a browser on this machine within a minute; it works once");
        return 0;
    }

    private static String notServed(Path dir) {
        return "stint: no running process serves the library " + dir + " (it has no live control.json).\n"
                + "Open it in an app with the control endpoint on, then run 'stint dashboard' again, for example:\n"
                + "  stint gui --library " + dir + "      (or: stint swing --library " + dir + ")\n"
                + "  stint run --library " + dir + "      (serves it while it runs jobs)\n"
                + "Your own app turns the endpoint on with"
                + " Library.Builder.controlEndpoint(ControlEndpoint.loopback()).";
    }
}
