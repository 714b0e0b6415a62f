package dev.stint.sample.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The usage of one command, for {@code stint help COMMAND} and {@code stint COMMAND --help}: its synopsis,
 * what it does, the options it takes and an example. {@code stint help} alone prints {@link Usage#TEXT}.
 * ({@code swing}, the Swing sample, is merged separately: its help is here already.)
 */
public final class CommandHelp {

    private static final String LIBRARY_OPTIONS = """
              --library DIR            the library folder (default: $STINT_LIBRARY)
              --database-folder DIR    where the library's jobs.db lives when it is not in the library
                                       folder, as for a library on a network share
                                       (default: $STINT_DATABASE_FOLDER)
            """;

    private static final String OPTION_PLACEMENT = "Options may come before or after the command.\n";

    private static final String THROUGH_HOLDER = """
            While another process holds the library (stint run, the sample apps, or an app with its control
            endpoint on), the command goes through that process, with the same output and exit codes; a
            holder without a control endpoint makes it exit with 3.
            """;

    private static final Map<String, String> TEXTS = texts();

    private CommandHelp() {
    }

    /**
     * The usage of one command, ending with a newline.
     *
     * @throws UsageException if there is no such command
     */
    public static String of(String command) {
        String text = TEXTS.get(command);
        if (text == null) {
            throw new UsageException("no help for unknown command '" + command + "'; commands: "
                    + String.join(", ", TEXTS.keySet()));
        }
        return text;
    }

    private static Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("gui", """
                usage: stint gui [--library DIR]

                Opens the desktop app (JavaFX) on the library and returns when its window closes: dispatch
                demo jobs with its buttons, pause, resume, cancel and retry them, close the window and open it
                again to see interrupted jobs resume. Needs a display (DISPLAY); without one, use 'stint demo'.

                Options:
                  --library DIR            the library folder (default: $STINT_LIBRARY, else ~/stint-demo)
                """ + OPTION_PLACEMENT + """

                Example:
                  stint gui --library ~/stint-demo
                """);
        texts.put("swing", """
                usage: stint swing [--library DIR]

                Opens the same desktop app in a Swing window (JobsPanel) on the library and returns when its
                window closes. Needs a display (DISPLAY); without one, use 'stint demo'.

                Options:
                  --library DIR            the library folder (default: $STINT_LIBRARY, else ~/stint-demo)
                """ + OPTION_PLACEMENT + """

                Example:
                  stint swing --library ~/stint-demo
                """);
        texts.put("demo", """
                usage: stint demo [--hash-folder DIR] [--concurrency N] [--queue NAME=CONCURRENCY]...

                If the library has no active job, dispatches one of each demo job (a count, a phased job, a hash
                of a folder, a job that fails twice and is retried, a delayed job and a WASM extension job);
                then runs jobs like 'stint run' until none is pending. Press Ctrl-C half-way and run it again:
                the jobs resume where they stopped.

                Options:
                  --hash-folder DIR        the folder demo.hash reads (default: the sample's src folder,
                                           else the library folder)
                  --concurrency N          how many jobs run at once
                  --queue NAME=N           run queue NAME with concurrency N (repeatable)
                """ + LIBRARY_OPTIONS + OPTION_PLACEMENT + """

                Example:
                  stint demo --library ~/stint-demo
                """);
        texts.put("dispatch", """
                usage: stint dispatch NAME [JSON] [--queue Q] [--priority P] [--delay D]
                                      [--unique KEY [--policy keep|replace|append]]
                                      [--max-attempts N] [--backoff D] [--timeout D]
                                      [--resource MODE:PATH | MODE:key:NAME]... [--concurrency-key KEY=LIMIT]
                                      [--rate-limit KEY=N/D] [--tag T]... [--require CONDITION]...
                                      [--weight W]

                Stores a job of type NAME with JSON arguments (the job's fields by name; default {}) and
                prints only its id. The job is not run: 'stint run' runs it; while another process holds the
                library, the job is dispatched through it and that process runs it (--queue must then name a
                queue it was opened with). (D: 250ms, 3s, 5m, 2h, 1d or PT5M; at most 36500d)

                Options:
                  --queue Q                the queue to dispatch into (default: the default queue)
                  --priority P             a higher priority runs first (default 0)
                  --delay D                run no sooner than D from now
                  --unique KEY             at most one active job holds KEY
                  --policy POLICY          when KEY is held: keep (default; prints the holder's id),
                                           replace (cancels the holder) or append (runs after it)
                  --max-attempts N         attempts before a retryable failure is final
                  --backoff D              the first retry's delay (doubles, with jitter)
                  --timeout D              a running attempt longer than D is interrupted
                  --resource MODE:PATH     a file or folder the job uses, MODE read or write (repeatable);
                  --resource MODE:key:NAME or any named resource; jobs whose uses conflict (a write and any
                                           other use of the same resource, or of a folder and what is in it)
                                           never run at the same time
                  --concurrency-key K=N    at most N jobs with key K run at once (N=1: one after another)
                  --rate-limit K=N/D       at most N jobs with key K start within any D
                  --tag T                  a tag (repeatable): list --tag, pause/resume/cancel --tag
                  --require CONDITION      start only while it holds, stop (to resume) when it stops holding
                                           (repeatable): ac-power, battery>=N, network, unmetered,
                                           disk>=BYTES (10GB), idle>=D, or a name the app sets
                  --weight W               the job's share of its group's progress (default 1)
                """ + LIBRARY_OPTIONS + OPTION_PLACEMENT + """

                Example:
                  stint dispatch demo.count '{"to": 100, "checkpointEvery": 10}' --library ~/stint-demo
                """);
        texts.put("run", """
                usage: stint run [--concurrency N] [--queue NAME=CONCURRENCY]...

                Runs jobs until none is pending (jobs delayed to a later time are waited for; paused jobs and
                jobs of paused queues are not), printing a line per status change and per progress update.
                Ctrl-C or SIGTERM stops gracefully: running jobs are saved and resume on the next run.
                While it runs, its control endpoint (loopback only, guarded by a token in an owner-only file)
                lets 'stint watch', list, dispatch, pause, resume, cancel and retry in other terminals go
                through it.

                Options:
                  --concurrency N          how many jobs run at once
                  --queue NAME=N           run queue NAME with concurrency N (repeatable)
                """ + LIBRARY_OPTIONS + OPTION_PLACEMENT + """

                Example:
                  stint run --concurrency 2 --library ~/stint-demo
                """);
        texts.put("list", """
                usage: stint list [--json] [--tag T]...

                Prints the active jobs and the history, as a table, or with --json as one JSON array of objects
                with id, name, status, output, error, queue, priority, attempts, createdAt, runAt, startedAt,
                finishedAt, uniqueKey, parentId and more.
                """ + THROUGH_HOLDER + """

                Options:
                  --json                   one JSON array instead of a table; each job also has tags,
                                           resources, concurrencyKey, conditions and waitingFor (why a
                                           queued job under run rules has not started)
                  --tag T                  only jobs with tag T (repeatable: with every one of them)
                """ + LIBRARY_OPTIONS + OPTION_PLACEMENT + """

                Example:
                  stint list --json --library ~/stint-demo
                """);
        texts.put("pause", control("pause", "Pauses a job; it stays paused, across restarts too, until resumed."));
        texts.put("resume", control("resume", "Resumes a paused job from its last checkpoint."));
        texts.put("cancel", control("cancel", "Cancels a job; it never runs again and moves to history."));
        texts.put("retry", "usage: stint retry ID\n\n"
                + "Dispatches a failed or cancelled job again, as a new job with the arguments and options it was\n"
                + "dispatched with (it runs now, from the beginning); prints the new job's id. The old job stays\n"
                + "in history; the new one's 'retryOf' (list --json) names it.\n"
                + THROUGH_HOLDER + "\n"
                + "Options:\n" + LIBRARY_OPTIONS + OPTION_PLACEMENT + "\n"
                + "Example:\n  stint retry 42 --library ~/stint-demo\n");
        texts.put("watch", """
                usage: stint watch

                Follows, live, the jobs of the process that holds the library (stint run, stint gui, stint
                swing, or an app with its control endpoint on), through that process's control endpoint: one
                row per active job with a progress bar, its status and the time left. On a terminal the rows
                are redrawn in place and a finished job leaves a line above them; piped (or with TERM=dumb) it
                prints only changes, one line each: a status change at once, a job's progress at most once a
                second. Ends with Ctrl-C, or when that process closes the library (exit code 0).
                When no process has the library open there is nothing to watch: it says so and exits with 4
                (start 'stint run' or the app, then watch); a holder without a control endpoint: exit code 3.

                Options:
                  --library DIR            the library folder (default: $STINT_LIBRARY)
                  --database-folder DIR    where the library's jobs.db lives when it is not in the library
                                           folder (default: $STINT_DATABASE_FOLDER)
                """ + OPTION_PLACEMENT + """

                Example:
                  stint run --library ~/stint-demo        (in one terminal)
                  stint watch --library ~/stint-demo      (in another)
                """);
        texts.put("dashboard", """
                usage: stint dashboard [--no-browser]

                Opens the web dashboard of the process that holds the library with its control endpoint on (the
                desktop app, or 'stint run' while it runs jobs): asks that process for a login link, prints it and
                opens it in your browser. The link works once, within a minute; the browser then keeps a session
                cookie, so what stays in its history grants nothing. The page lists active and recent jobs with
                live progress, time left, errors and child jobs, and pauses, resumes, cancels and retries them.
                When no process has the library open, says how to start one and exits with 4; a holder without
                a control endpoint: exit code 3.

                Options:
                  --no-browser             print the link only
                  --library DIR            the library folder (default: $STINT_LIBRARY)
                  --database-folder DIR    where the library's jobs.db lives when it is not in the library
                                           folder (default: $STINT_DATABASE_FOLDER)
                """ + OPTION_PLACEMENT + """

                Example:
                  stint dashboard --library ~/stint-demo
                """);
        texts.put("help", """
                usage: stint help [COMMAND]

                Without COMMAND, prints the usage of every command; with one, prints that command's usage.
                'stint COMMAND --help' does the same.

                Example:
                  stint help dispatch
                """);
        return texts;
    }

    private static String control(String command, String what) {
        return "usage: stint " + command + " ID\n       stint " + command + " --tag T\n\n"
                + what + "\nWith --tag T instead of an ID: every job with tag T (for pause, also jobs dispatched later\n"
                + "with it, until 'stint resume --tag T'); prints how many.\n" + THROUGH_HOLDER + "\n"
                + "Options:\n" + "  --tag T                  the jobs of a tag instead of one job\n" + LIBRARY_OPTIONS
                + OPTION_PLACEMENT + "\n"
                + "Example:\n  stint " + command + " 42 --library ~/stint-demo\n";
    }
}
