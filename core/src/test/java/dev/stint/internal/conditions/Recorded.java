package dev.stint.internal.conditions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Recorded probe inputs from the test resources: command outputs, and sysfs trees written into a folder. */
final class Recorded {
    private Recorded() {
    }

    /** The text of a recorded output, e.g. {@code macos/pmset-charging.txt}. */
    static String text(String name) {
        try (InputStream in = Recorded.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded output " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a recorded sysfs tree ({@code linux/NAME.sys}) under {@code root} and returns the root. */
    static Path sysTree(String name, Path root) {
        try {
            for (String line : text("linux/" + name + ".sys").split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.endsWith("/")) {
                    Files.createDirectories(root.resolve(line));
                    continue;
                }
                int colon = line.indexOf(": ");
                String path = colon < 0 ? line.substring(0, line.length() - 1) : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 2).replace("\\n", "\n");
                Path file = root.resolve(path);
                Files.createDirectories(file.getParent());
                Files.writeString(file, value + "\n");
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A command runner that answers from recorded outputs by the command's first word; others are missing. */
    static CommandRunner commands(Map<String, String> outputsByProgram) {
        return (command, anyExit) -> Optional.ofNullable(outputsByProgram.get(command.get(0))).map(Recorded::text);
    }

    /** A runner for which every command is missing. */
    static CommandRunner noCommands() {
        return (command, anyExit) -> Optional.empty();
    }

}
