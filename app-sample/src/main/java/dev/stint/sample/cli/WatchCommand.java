package dev.stint.sample.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.ControlEndpointException;
import dev.stint.JobCounts;
import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.LibraryLockedException;
import dev.stint.RemoteEvent;
import dev.stint.RemoteLibrary;
import dev.stint.sample.Main;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code watch}: follows, live, the jobs of the process that holds the library, through its control endpoint's
 * event stream ({@link RemoteLibrary#events}): the jobs active when it starts, then every status change and
 * (coalesced) progress, shown by a {@link WatchView}. Ends when that process closes the library or goes away
 * (exit 0), or with Ctrl-C. When no process holds the library it says so, and how to start one, and exits with
 * {@link Main#EXIT_NOT_HELD}: it never opens the library for longer than that check, so it cannot stand in the way
 * of the app the user is about to start.
 */
public final class WatchCommand {
    /** The jobs read per status when the watch starts; more are counted by the view as they show up. */
    private static final int SNAPSHOT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Put on the queue when the stream has ended (identity matters). */
    private static final RemoteEvent END = new RemoteEvent(-1, RemoteEvent.Kind.RESET, null, null, null, null, null);

    private WatchCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int execute(CommandLine line, Console console) throws InterruptedException {
        line.expect(0, 0, "library", "database-folder");
        Path dir = line.libraryDir(console.env());
        HolderEndpoint.Found found = HolderEndpoint.holder(dir, "watch", () -> notHeld(line, dir, console));
        if (found.remote() == null) {
            return found.exitCode();
        }
        Optional<RemoteLibrary> remote = Optional.of(found.remote());
        String holder = holder(dir);
        try (RemoteLibrary library = remote.get()) {
            return watch(library, dir, holder, console);
        } catch (ControlEndpointException e) {
            if (!"transport".equals(e.code())) {
                throw e;
            }
            // no answer: the holder went away since it wrote control.json (or its pid now names another process)
            return notHeld(line, dir, console);
        }
    }

    private static int watch(RemoteLibrary library, Path dir, String holder, Console console)
            throws InterruptedException {
        BlockingQueue<RemoteEvent> events = new LinkedBlockingQueue<>();
        RemoteLibrary.EventStream stream = library.events(events::add);
        stream.ended().whenComplete((done, failure) -> events.add(END));
        boolean terminal = console.isTerminal();
        int[] size = terminal ? terminalSize(console) : new int[] {80, 24};
        WatchView view = new WatchView(console.out(), terminal, size[0], size[1], "library " + dir + " · " + holder,
                System::nanoTime);
        if (!terminal) {
            console.err().println(TerminalText.safe("stint: watching library " + dir + " (" + holder
                    + "); Ctrl-C to stop"));
        }
        activeJobs(library).forEach(view::show); // read after the stream opened: no change falls in between
        while (true) {
            long wait = view.flush();
            RemoteEvent event = wait < 0 ? events.take() : events.poll(wait, TimeUnit.NANOSECONDS);
            if (event == END) {
                break;
            }
            if (event != null) {
                apply(event, view, library);
            }
        }
        view.flushAll();
        // a close and a kill look alike from here (the connection ends): say both
        console.err().println(TerminalText.safe("stint: " + holder + " closed library " + dir
                + " or went away; watch ends"));
        return 0;
    }

    private static void apply(RemoteEvent event, WatchView view, RemoteLibrary library) {
        switch (event.kind()) {
            case STATUS -> {
                JobInfo finished = null;
                if (event.status() == JobStatus.FAILED || event.status() == JobStatus.CANCELLED) {
                    finished = jobOrNull(library, event.jobId()); // for its error, as 'run' prints it
                }
                view.status(event.jobId(), event.jobName(), event.status(), event.progress(), finished);
            }
            case PROGRESS -> view.progress(event.jobId(), event.jobName(), event.progress());
            case RESET -> activeJobs(library).forEach(view::show);
        }
    }

    private static JobInfo jobOrNull(RemoteLibrary library, String id) {
        try {
            return library.job(id).orElse(null);
        } catch (ControlEndpointException e) {
            return null; // the holder is closing: the line goes without the error
        }
    }

    /** Running jobs first, then paused and queued ones, at most {@value #SNAPSHOT} of each. */
    private static List<JobInfo> activeJobs(RemoteLibrary library) {
        List<JobInfo> running = library.query(JobQuery.all().withStatus(JobStatus.RUNNING).page(0, SNAPSHOT));
        List<JobInfo> paused = library.query(JobQuery.all().withStatus(JobStatus.PAUSED).page(0, SNAPSHOT));
        List<JobInfo> queued = library.query(JobQuery.all().withStatus(JobStatus.QUEUED).page(0, SNAPSHOT));
        return java.util.stream.Stream.of(running, paused, queued).flatMap(List::stream).toList();
    }

    /**
     * Nobody announces an endpoint: if nobody holds the library either, says so (exit 4). Checked by opening the
     * library for a moment, as {@code list} would.
     *
     * @throws LibraryLockedException if a process holds it
     */
    private static int notHeld(CommandLine line, Path dir, Console console) {
        Path databaseFolder = line.databaseFolder(console.env());
        Path db = (databaseFolder != null ? databaseFolder : dir).resolve("jobs.db");
        String start = "Start 'stint run --library " + dir + "' (or the app) in another terminal, then watch again.";
        if (!Files.exists(db)) {
            console.err().println(TerminalText.safe("stint: there is no library in " + dir
                    + " (no jobs.db), so there is nothing to watch. " + start));
            return Main.EXIT_NOT_HELD;
        }
        JobCounts counts;
        try (Library library = Libraries.openIdle(dir, databaseFolder)) {
            counts = library.counts();
        }
        int queued = counts.of(JobStatus.QUEUED);
        int paused = counts.of(JobStatus.PAUSED);
        String waiting = queued + paused == 0 ? ""
                : " (it holds " + queued + " queued and " + paused + " paused jobs)";
        console.err().println(TerminalText.safe("stint: no process has library " + dir
                + " open, so no job runs and there is nothing to watch" + waiting + ". " + start));
        return Main.EXIT_NOT_HELD;
    }

    /** "process PID" from {@code control.json}, for messages; "the process that holds it" if it cannot be read. */
    private static String holder(Path dir) {
        try {
            long pid = JSON.readTree(Files.readAllBytes(dir.resolve("control.json"))).path("pid").asLong(0);
            return pid > 0 ? "process " + pid : "the process that holds it";
        } catch (IOException e) {
            return "the process that holds it";
        }
    }

    /**
     * The terminal's columns and lines: {@code COLUMNS} and {@code LINES} when exported, else what {@code stty size}
     * says of the controlling terminal (Unix), else 80 by 24. Read once, when the watch starts.
     */
    private static int[] terminalSize(Console console) {
        int columns = number(console.env().get("COLUMNS"));
        int lines = number(console.env().get("LINES"));
        if (columns > 0 && lines > 0) {
            return new int[] {columns, lines};
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim()
                    .split("\\s+");
            if (stty.waitFor(2, TimeUnit.SECONDS) && answer.length == 2) {
                lines = lines > 0 ? lines : number(answer[0]);
                columns = columns > 0 ? columns : number(answer[1]);
            }
        } catch (IOException e) {
            // no stty (Windows) or no /dev/tty: the defaults below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new int[] {columns > 0 ? columns : 80, lines > 0 ? lines : 24};
    }

    private static int number(String text) {
        try {
            return text == null ? 0 : Math.max(0, Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
