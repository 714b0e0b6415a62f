package dev.stint.sample;

import dev.stint.ControlEndpointException;
import dev.stint.LibraryLockedException;
import dev.stint.RemoteLibrary;
import dev.stint.StintException;
import dev.stint.sample.cli.CommandHelp;
import dev.stint.sample.cli.CommandLine;
import dev.stint.sample.cli.Console;
import dev.stint.sample.cli.DashboardCommand;
import dev.stint.sample.cli.RetryCommand;
import dev.stint.sample.cli.ControlCommand;
import dev.stint.sample.cli.DemoCommand;
import dev.stint.sample.cli.DispatchCommand;
import dev.stint.sample.cli.ListCommand;
import dev.stint.sample.cli.NoControlEndpointException;
import dev.stint.sample.cli.RunCommand;
import dev.stint.sample.cli.TerminalText;
import dev.stint.sample.cli.Usage;
import dev.stint.sample.cli.UsageException;
import dev.stint.sample.cli.WatchCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * The {@code stint} console: a scriptable front end to one library, and the {@code gui} and {@code swing}
 * commands that open the desktop app ({@link dev.stint.sample.gui.StintApp}, JavaFX, or
 * {@link dev.stint.sample.swing.SwingApp}, Swing) instead.
 *
 * <p>Standard output carries the product (a dispatched job's id, progress lines, the job list, JSON);
 * messages and logs go to standard error. Exit codes: 0 done, 2 a job error (unknown type, invalid
 * arguments, unknown id, illegal status change), 3 the library is open elsewhere (without a control endpoint to
 * go through), 4 no process holds the library ({@code watch}, {@code dashboard}), 64 a usage error, 1 anything
 * unexpected. While another process holds the library with its control endpoint on, the store-and-query commands
 * go through it ({@code dispatch}, {@code list}, {@code pause}, {@code resume}, {@code cancel}, {@code retry}),
 * {@code watch} follows its events and {@code dashboard} opens its web page. See {@link Usage#TEXT}.
 * Messages may quote a library's contents or the command line:
 * they are printed through {@link TerminalText}, so no control character reaches the terminal.
 */
public final class Main {

    /** Exit code of a job error reported by Stint. */
    public static final int EXIT_JOB_ERROR = 2;
    /**
     * Exit code when the library is open in another process (or elsewhere in this one) and the command cannot go
     * through that process's control endpoint (it has none, or the command must own the library: run, demo).
     */
    public static final int EXIT_LOCKED = 3;
    /** Exit code of {@code watch} and {@code dashboard} when no process has the library open: nothing to show. */
    public static final int EXIT_NOT_HELD = 4;

    private Main() {
    }

    /** Runs the console and exits with its exit code. */
    public static void main(String[] args) {
        // the library logs (slf4j-simple) to System.err: job names and errors in log lines are escaped too
        System.setErr(TerminalText.safeStream(System.err));
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command with the process environment; returns the exit code. Never calls {@code System.exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /** Runs one command; returns the exit code. Never calls {@code System.exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.length == 1 && isHelp(args[0])) {
            out.print(Usage.TEXT);
            return 0;
        }
        Console console = new Console(out, err, env);
        try {
            String[] words = args.clone();
            if (words.length > 1 && isHelp(words[0])) {
                words[0] = "help"; // stint help COMMAND, and --help COMMAND, -h COMMAND
            }
            CommandLine line = CommandLine.parse(words);
            if (line.command().equals("help")) {
                return help(line, console);
            }
            if (line.options().contains("help")) {
                out.print(CommandHelp.of(line.command()));
                return 0;
            }
            return switch (line.command()) {
                case "dispatch" -> DispatchCommand.execute(line, console);
                case "run" -> RunCommand.execute(line, console);
                case "demo" -> DemoCommand.execute(line, console);
                case "list" -> ListCommand.execute(line, console);
                case "pause" -> ControlCommand.PAUSE.execute(line, console);
                case "resume" -> ControlCommand.RESUME.execute(line, console);
                case "cancel" -> ControlCommand.CANCEL.execute(line, console);
                case "retry" -> RetryCommand.execute(line, console);
                case "watch" -> WatchCommand.execute(line, console);
                case "dashboard" -> DashboardCommand.execute(line, console);
                // the desktop app: JavaFX classes load only on this path
                case "gui" -> dev.stint.sample.gui.GuiCommand.execute(line, console);
                // the same desktop demo in a Swing window: Swing classes load only on this path
                case "swing" -> dev.stint.sample.swing.SwingCommand.execute(line, console);
                default -> throw new UsageException("unknown command '" + line.command() + "'");
            };
        } catch (UsageException e) {
            err.println("stint: " + TerminalText.safeLines(e.getMessage()));
            err.println();
            err.print(Usage.TEXT);
            return Usage.EXIT_USAGE;
        } catch (LibraryLockedException e) {
            // run, demo, gui, swing: they need the library to themselves
            err.println("stint: " + TerminalText.safeLines(e.getMessage()));
            if (e.libraryDir() != null && hasEndpoint(e.libraryDir())) {
                err.println(TerminalText.safe("stint: its jobs run there: 'stint watch --library " + e.libraryDir()
                        + "' follows them, and list, dispatch, pause, resume, cancel and retry go through it"));
            }
            return EXIT_LOCKED;
        } catch (NoControlEndpointException e) {
            err.println("stint: " + TerminalText.safeLines(e.getMessage()));
            return EXIT_LOCKED;
        } catch (ControlEndpointException e) {
            // the holder's endpoint refused or did not answer (it may have just stopped): not a job error
            err.println("stint: " + TerminalText.safeLines(e.getMessage()));
            return 1;
        } catch (StintException e) {
            err.println("stint: " + TerminalText.safeLines(e.getMessage()));
            return EXIT_JOB_ERROR;
        } catch (Exception e) {
            err.println("stint: unexpected error: " + TerminalText.safeLines(e.toString()));
            if (env.containsKey("STINT_DEBUG")) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                err.print(TerminalText.safeLines(trace.toString()));
            }
            return 1;
        } finally {
            out.flush();
        }
    }

    /** {@code help [COMMAND]}: every command's usage, or one command's. */
    private static int help(CommandLine line, Console console) {
        if (line.positionals().size() > 1) {
            throw new UsageException("'help' takes at most one command: " + line.positionals());
        }
        console.out().print(line.positionals().isEmpty() ? Usage.TEXT : CommandHelp.of(line.positionals().get(0)));
        return 0;
    }

    /** Whether the process that holds the library in {@code dir} announces a control endpoint. */
    private static boolean hasEndpoint(java.nio.file.Path dir) {
        try {
            return RemoteLibrary.find(dir).map(remote -> {
                remote.close();
                return true;
            }).orElse(false);
        } catch (ControlEndpointException e) {
            return false; // its files cannot be read: no hint
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("help") || arg.equals("--help") || arg.equals("-h");
    }
}
