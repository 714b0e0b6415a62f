package dev.stint.sample.cli;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stint.JobInfo;
import dev.stint.Library;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code list [--json]}: active jobs and history, in dispatch order, as a table or as one JSON array (see
 * {@link JobJson}). Jobs are not run. Both forms are safe to print on a terminal: see {@link TerminalText}.
 */
public final class ListCommand {
    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
                    .characterEscapes(TerminalText.jsonEscapes()).build())
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private ListCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int execute(CommandLine line, Console console) {
        line.expect(0, 0, "library", "json");
        List<JobInfo> jobs = new ArrayList<>();
        try (Library library = Libraries.openIdle(line.libraryDir(console.env()))) {
            jobs.addAll(library.history(Integer.MAX_VALUE));
            jobs.addAll(library.activeJobs());
        }
        jobs.sort(Comparator.comparing(JobInfo::createdAt).thenComparing(JobInfo::id));
        if (line.json()) {
            console.out().println(json(jobs));
        } else {
            JobTable.print(jobs, console.out());
        }
        return 0;
    }

    private static String json(List<JobInfo> jobs) {
        try {
            return MAPPER.writeValueAsString(new JobJson(MAPPER).toJson(jobs));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
