package dev.stint.sample.cli;

/** The console's usage text. */
public final class Usage {

    /** Exit code of a usage error (EX_USAGE). */
    public static final int EXIT_USAGE = 64;

    /** The usage text, ending with a newline. */
    public static final String TEXT = """
            usage: stint <command> [arguments] --library DIR

            Commands:
              gui                      open the desktop app (JavaFX) on the library; without --library
                                       or $STINT_LIBRARY it opens ~/stint-demo
              swing                    the same desktop app in a Swing window (same library default)
              demo                     dispatch one of each demo job (if none is active) and run them
              dispatch NAME [JSON]     store a job of type NAME with JSON arguments; prints its id
                [--queue Q] [--priority P] [--delay D] [--unique KEY [--policy keep|replace|append]]
                [--max-attempts N] [--backoff D] [--timeout D]
                [--resource read|write:PATH | read|write:key:NAME]... [--concurrency-key KEY=LIMIT]
                [--rate-limit KEY=N/D] [--tag T]... [--require CONDITION]... [--weight W]
                                       (D: 250ms, 3s, 5m, 2h, 1d or PT5M; at most 36500d)
              run [--concurrency N] [--queue NAME=CONCURRENCY]...
                                       run jobs until none is pending (delayed jobs are waited for),
                                       printing progress lines; Ctrl-C or SIGTERM stops gracefully
                                       (running jobs resume next time)
              list [--json] [--tag T]...
                                       active jobs and history, as a table or one JSON array
              pause ID | --tag T       pause a job (or every job with tag T, and later ones with it);
                                       it stays paused until resumed
              resume ID | --tag T      resume a paused job (or the jobs of tag T, lifting its pause)
              cancel ID | --tag T      cancel a job (or every active job with tag T); it never runs again
              retry ID                 dispatch a failed or cancelled job again with its arguments and
                                       options, as a new job; prints its id
              watch                    follow the jobs of the process that holds the library, live: a row
                                       per active job with a progress bar, status and time left (plain
                                       lines when piped); ends with Ctrl-C or when that process closes it
              dashboard [--no-browser] open the web dashboard of the process holding the library (an app
                                       or 'stint run' with the control endpoint on): prints a link that
                                       works once and opens it in the browser
              help [COMMAND]           show this text, or one command's usage (also: COMMAND --help)

            Options:
              --library DIR            the library folder (default: $STINT_LIBRARY)
              --database-folder DIR    where the library's jobs.db lives when it is not in the library
                                       folder, as for a library on a network share (default:
                                       $STINT_DATABASE_FOLDER; not taken by gui or swing)
            Options may come before or after the command.

            While another process holds the library (stint run, stint gui, stint swing, or an app that turns
            on its control endpoint), dispatch, list, pause, resume, cancel and retry go through that process,
            with the same output and exit codes. A holder without a control endpoint: exit code 3, and the
            message says how to turn one on.

            Demo job types:
              demo.count   {"to": N, "checkpointEvery": K, "sleepMillis": S}
              demo.hash    {"folder": PATH, "algorithm": "SHA-256", "checkpointEvery": N}
              demo.phased  {"items": N, "sleepMillis": S}
              demo.flaky   {"failTimes": F}   fails F times, then outputs {"attempts": F+1}
              demo.steps   {"steps": S, "sleepMillis": X}   steps s1..sS, logged to steps.log
              demo.tree    {"children": N, "childTo": M}    N demo.count children, outputs their sums
              demo-wasm:count  {"to": N, "checkpointEvery": K, "spin": W}   (WASM extension)
              demo-wasm:trap   {}                                        (a module that traps)

            Exit codes: 0 done; 2 job error (unknown type, invalid arguments, unknown id, illegal change);
            3 library open elsewhere (and no control endpoint to go through); 4 watch, dashboard: no
            process has the library open; 64 usage error.
            """;

    private Usage() {
    }
}
