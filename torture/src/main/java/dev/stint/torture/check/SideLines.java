package dev.stint.torture.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading the side files: complete lines only (a kill may leave the last one torn). */
public final class SideLines {
    private SideLines() {
    }

    /** One side-file line: {@code <round> <tag> <value>}. */
    public record Line(int round, char tag, long value) {
    }

    /** The complete lines of a text. */
    static List<String> completeLines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        lines.remove(lines.size() - 1); // after the last '\n': empty, or a torn line
        return lines;
    }

    /** The parsed lines of a job's side file (none if it does not exist). */
    public static List<Line> read(Path file) throws IOException {
        List<Line> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String s : completeLines(Files.readString(file, StandardCharsets.US_ASCII))) {
            String[] p = s.split(" ");
            out.add(new Line(Integer.parseInt(p[0]), p[1].charAt(0), Long.parseLong(p[2])));
        }
        return out;
    }
}
