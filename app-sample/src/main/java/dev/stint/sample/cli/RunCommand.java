package dev.stint.sample.cli;

import dev.stint.ControlEndpoint;
import dev.stint.Library;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code run [--concurrency N] [--queue NAME=CONCURRENCY]...}: runs the library's jobs until none is
 * queued or running (jobs delayed to a later time count and are waited for; paused jobs and jobs of paused
 * queues do not), printing a line per status change and per coalesced progress update, then closes the
 * library.
 *
 * <p>On SIGINT or SIGTERM a shutdown hook closes the library: running jobs are asked to stop, their state
 * is saved, and they resume on the next {@code run}.
 *
 * <p>The library is opened with its control endpoint on ({@link ControlEndpoint#loopback()}): while it runs,
 * {@code stint list}, {@code dispatch}, {@code pause}, {@code resume}, {@code cancel}, {@code retry} and
 * {@code watch} in other terminals go through this process.
 */
public final class RunCommand {
    /** How long one wait for idleness lasts before it is renewed; the wait ends early on idle or close. */
    private static final Duration IDLE_WAIT = Duration.ofMinutes(10);

    private RunCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int execute(CommandLine line, Console console) {
        line.expect(0, 0, "library", "database-folder", "concurrency", "queue");
        Path dir = line.libraryDir(console.env());
        // the control endpoint: other terminals list, pause, resume, cancel and watch these jobs while they run
        Library.Builder builder = configure(Libraries.builder(dir, line.databaseFolder(console.env())), line)
                .controlEndpoint(ControlEndpoint.loopback()).autoStart(false);
        // opened without workers so that the listener is in place before the first job starts
        Library library = builder.open();
        LibraryCloser closer = new LibraryCloser(library);
        Thread hook = new Thread(() -> {
            console.err().println("stint: stopping; running jobs are saved and resume on the next run");
            closer.close();
        }, "stint-shutdown");
        try {
            // not closed before the library: closing it delivers the events still queued (the last lines)
            library.subscribe(new ProgressPrinter(console.out()));
            Runtime.getRuntime().addShutdownHook(hook);
            library.start();
            if (library.controlUri().isPresent()) {
                console.err().println(TerminalText.safe("stint: while this runs, 'stint watch --library " + dir
                        + "' in another terminal follows these jobs; list, pause, resume and cancel work there too"));
            }
            waitUntilIdle(library, closer);
        } finally {
            // close first, then remove the hook: a signal arriving meanwhile makes the JVM wait for this close
            closer.close();
            removeHook(hook);
        }
        console.out().flush();
        return 0;
    }

    /** Applies {@code --concurrency N} and each {@code --queue NAME=CONCURRENCY}. */
    static Library.Builder configure(Library.Builder builder, CommandLine line) {
        if (line.concurrency() != null) {
            builder.concurrency(line.concurrency());
        }
        for (String spec : line.allValues("queue")) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || spec.substring(0, eq).isBlank()) {
                throw new UsageException("--queue needs NAME=CONCURRENCY, not '" + spec + "'");
            }
            String name = OptionValues.name("queue", spec.substring(0, eq));
            int n;
            try {
                n = Integer.parseInt(spec.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new UsageException("--queue " + spec + ": the concurrency must be a whole number from 1 to "
                        + Integer.MAX_VALUE);
            }
            builder.queue(name, n);
        }
        return builder;
    }

    private static void waitUntilIdle(Library library, LibraryCloser closer) {
        try {
            while (!closer.isClosing()) {
                if (library.awaitIdle(IDLE_WAIT)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or has run, and closes the library
        }
    }
}
