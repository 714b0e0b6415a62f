package dev.stint.torture.worker;

import dev.stint.Library;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the driver's control commands from stdin ({@code PAUSE <id>}, {@code RESUME <id>},
 * {@code CANCEL <id>}, {@code PAUSE_QUEUE <queue>}, {@code RESUME_QUEUE <queue>}), applies them to the library and answers {@code CTL <op> <id> <outcome>}. When
 * stdin ends (the driver is gone) the worker halts, so an orphan never outlives its driver.
 */
final class ControlLoop implements Runnable {
    private final Library library;
    private final InputStream in;
    private final Announcer announcer;

    ControlLoop(Library library, InputStream in, Announcer announcer) {
        this.library = library;
        this.in = in;
        this.announcer = announcer;
    }

    @Override
    public void run() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                apply(line.trim());
            }
        } catch (IOException e) {
            // the pipe broke: the driver is gone
        }
        Runtime.getRuntime().halt(3);
    }

    private void apply(String command) {
        String[] parts = command.split(" ");
        if (parts.length != 2) {
            announcer.line("CTL ? " + command + " malformed");
            return;
        }
        String outcome = "ok";
        try {
            switch (parts[0]) {
                case "PAUSE" -> library.pause(parts[1]);
                case "RESUME" -> library.resume(parts[1]);
                case "CANCEL" -> library.cancel(parts[1]);
                case "PAUSE_QUEUE" -> library.pauseQueue(parts[1]);
                case "RESUME_QUEUE" -> library.resumeQueue(parts[1]);
                default -> outcome = "unknown-command";
            }
        } catch (RuntimeException e) {
            outcome = e.getClass().getSimpleName();
        }
        announcer.line("CTL " + parts[0] + " " + parts[1] + " " + outcome);
    }
}
