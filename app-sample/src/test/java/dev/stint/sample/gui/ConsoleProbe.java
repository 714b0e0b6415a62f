package dev.stint.sample.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.sample.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code stint list} on a library that a sample window holds, as from another terminal: it goes through the
 * window's control endpoint (the library is locked by the window).
 */
public final class ConsoleProbe {
    private ConsoleProbe() {
    }

    /** The table {@code stint list} prints; asserts the endpoint is announced and the command succeeded. */
    public static String listThroughTheWindow(Path library) {
        assertThat(library.resolve("control.json")).as("the window's library announces its endpoint")
                .satisfies(p -> assertThat(Files.exists(p)).isTrue());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"list", "--library", library.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        assertThat(code).as("stint list: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
