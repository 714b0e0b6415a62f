package dev.stint.torture.check;

import dev.stint.torture.JobSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workers' dispatch log, read back: every dispatch intended ({@code I <spec>}, written before the
 * dispatch call) and every dispatch acknowledged ({@code A <token> <ids>}, written after it returned).
 * A torn last line (the kill landed in the write) is ignored.
 *
 * @param intents spec by token, in dispatch order
 * @param acks job ids returned by each acknowledged dispatch
 */
public record DispatchRecord(Map<String, JobSpec> intents, Map<String, List<String>> acks) {

    /** Reads the log; empty if there is none. */
    public static DispatchRecord read(Path log) throws IOException {
        Map<String, JobSpec> intents = new LinkedHashMap<>();
        Map<String, List<String>> acks = new LinkedHashMap<>();
        if (Files.exists(log)) {
            for (String line : SideLines.completeLines(Files.readString(log, StandardCharsets.UTF_8))) {
                if (line.startsWith("I ")) {
                    JobSpec spec = JobSpec.parse(line.substring(2));
                    intents.put(spec.token(), spec);
                } else if (line.startsWith("A ")) {
                    String[] parts = line.split(" ");
                    acks.put(parts[1], Arrays.asList(parts[2].split(",")));
                }
            }
        }
        return new DispatchRecord(intents, acks);
    }
}
