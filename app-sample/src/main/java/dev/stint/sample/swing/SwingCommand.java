package dev.stint.sample.swing;

import dev.stint.sample.cli.CommandLine;
import dev.stint.sample.cli.Console;
import dev.stint.sample.gui.GuiCommand;
import java.nio.file.Path;

/**
 * {@code swing [--library DIR]}: opens the Swing desktop app on a library folder ({@code --library}, else
 * {@code $STINT_LIBRARY}, else {@code ~/stint-demo}, as {@code gui} does) and returns when its window closes.
 * This class loads no AWT or Swing class itself: a machine without a display gets a clear message instead
 * of a toolkit error.
 */
public final class SwingCommand {

    private SwingCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int execute(CommandLine line, Console console) throws InterruptedException {
        line.expect(0, 0, "library");
        Path dir = GuiCommand.libraryDir(line, console.env());
        if (!GuiCommand.hasDisplay(console.env())) {
            console.err().println("stint: no display to open a window on (DISPLAY is not set); on a machine"
                    + " without one, run the console instead: stint demo --library " + dir);
            return 1;
        }
        console.err().println("stint: opening " + dir + " in a Swing window");
        SwingApp.launchWindow(dir);
        return 0;
    }
}
