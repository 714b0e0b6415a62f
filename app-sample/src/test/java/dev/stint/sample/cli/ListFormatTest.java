package dev.stint.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stint.JobInfo;
import dev.stint.Library;
import dev.stint.sample.BigLibrary;
import dev.stint.sample.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code list} and {@code list --json}, now read a page at a time and written as they come, print exactly
 * what they printed when they held every job at once (reference: the whole list, sorted, rendered in one go),
 * across several pages, with jobs sharing a millisecond and a name that holds terminal escapes.
 */
class ListFormatTest {
    @TempDir
    Path dir;

    @Test
    void streamed_table_and_json_are_byte_for_byte_what_the_whole_list_gave() throws Exception {
        Library.builder(dir).useServiceLoader(false).autoStart(false).open().close();
        BigLibrary.fill(dir, "demo.count", JobPages.PAGE_SIZE * 2 + 37, 40);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                PreparedStatement ps = c.prepareStatement("INSERT INTO job_rows (seq, id, name, version, status,"
                        + " run_count, created_at, finished_at, state, updated_at) VALUES (100000, 'zz-evil', ?, 1,"
                        + " 'cancelled', 0, ?, ?, X'', 0)")) {
            ps.setString(1, "evil\u001b]0;owned\u0007\u001b[2J\ttab");
            ps.setLong(2, BigLibrary.T0 + 5);
            ps.setLong(3, BigLibrary.T0 + 6);
            ps.executeUpdate();
        }
        List<JobInfo> all = new ArrayList<>();
        try (Library library = Library.builder(dir).useServiceLoader(false).autoStart(false).open()) {
            all.addAll(library.history(Integer.MAX_VALUE));
            all.addAll(library.activeJobs());
        }
        all.sort(Comparator.comparing(JobInfo::createdAt).thenComparing(JobInfo::id));
        assertThat(all).hasSize(JobPages.PAGE_SIZE * 2 + 37 + 40 + 1);

        assertThat(run("list", "--json")).isEqualTo(referenceJson(all) + System.lineSeparator());
        assertThat(run("list")).isEqualTo(referenceTable(all));
    }

    @Test
    void an_empty_library_prints_an_empty_array_and_a_note() {
        assertThat(run("list", "--json")).isEqualTo("[ ]" + System.lineSeparator());
        assertThat(run("list")).isEqualTo("no jobs" + System.lineSeparator());
    }

    private String run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--library", dir.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(all.toArray(String[]::new), o, e, Map.of());
        }
        assertThat(code).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The JSON as the console wrote it before: the whole array rendered at once. */
    private static String referenceJson(List<JobInfo> jobs) throws Exception {
        ObjectMapper mapper = JsonMapper.builder(new JsonFactoryBuilder()
                        .characterEscapes(TerminalText.jsonEscapes()).build())
                .enable(SerializationFeature.INDENT_OUTPUT).build();
        return mapper.writeValueAsString(new JobJson(mapper).toJson(jobs));
    }

    /** The table as the console printed it before, from the whole list. */
    private static String referenceTable(List<JobInfo> jobs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String[] header = {"ID", "NAME", "STATUS", "PROGRESS", "RUNS", "RESULT"};
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (JobInfo job : jobs) {
            String[] row = {job.id(), job.name(), job.status().wireName(), ProgressText.of(job.progress()),
                    Integer.toString(job.runCount()), result(job)};
            for (int i = 0; i < row.length; i++) {
                row[i] = TerminalText.safe(row[i]);
            }
            rows.add(row);
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String result(JobInfo job) {
        String text;
        if (job.error() != null) {
            text = job.error().summary();
        } else if (job.outputJson() != null) {
            text = job.outputJson();
        } else if (job.stopReason() != null) {
            text = "stopped: " + job.stopReason().wireName();
        } else {
            text = "";
        }
        if (!job.nonCriticalErrors().isEmpty()) {
            text += " (" + job.nonCriticalErrors().size() + " non-critical errors)";
        }
        text = TerminalText.safe(text.replace('\n', ' '));
        return text.length() > 70 ? text.substring(0, 67) + "..." : text;
    }
}
