package dev.stint.sample.cli;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stint.JobInfo;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code list [--json]}: active jobs and history, in dispatch order, as a table or as one JSON array (see
 * {@link JobJson}). Jobs are not run. Both forms are safe to print on a terminal: see {@link TerminalText}.
 * Jobs are read a page at a time ({@link JobPages}) and written as they come, so a library of any size lists
 * in a small heap: the JSON array is streamed one object at a time, and the table reads the jobs twice (once
 * for the column widths, once to print). When another process holds the library, the jobs come from it through
 * its control endpoint ({@link Libraries#access}), and print the same.
 */
public final class ListCommand {
    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
                    .characterEscapes(TerminalText.jsonEscapes()).build())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE) // one flush at the end, not one per job
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET) // the console's stream stays open
            .build();

    private ListCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int execute(CommandLine line, Console console) {
        line.expect(0, 0, "library", "database-folder", "json");
        try (LibraryAccess library = Libraries.access(line, console, List.of())) {
            Iterable<JobInfo> jobs = library.allJobs();
            if (line.json()) {
                printJson(jobs, console.out());
            } else {
                JobTable.print(jobs, console.out());
            }
        }
        return 0;
    }

    /** One JSON array, as the whole array written at once would be, followed by a line break. */
    private static void printJson(Iterable<JobInfo> jobs, PrintStream out) {
        JobJson json = new JobJson(MAPPER);
        Writer writer = new OutputStreamWriter(out, out.charset());
        try (JsonGenerator generator = MAPPER.createGenerator(writer)) {
            generator.writeStartArray();
            for (JobInfo job : jobs) {
                generator.writeTree(json.toJson(job));
            }
            generator.writeEndArray();
        } catch (IOException e) { // closing flushes the writer into the console's stream
            throw new UncheckedIOException(e);
        }
        out.println();
    }
}
