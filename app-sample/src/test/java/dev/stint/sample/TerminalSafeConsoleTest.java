package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Untrusted text (a crafted {@code jobs.db}, a command line) never reaches the terminal raw: the table, progress
 * lines, confirmations and error messages show control characters escaped, and {@code list --json} keeps the
 * exact text as valid JSON.
 */
class TerminalSafeConsoleTest {
    private static final String QUICK = "{\"to\": 5, \"checkpointEvery\": 5, \"sleepMillis\": 0}";
    /** Retitles the window, clears the screen, rings, backspaces, returns, a C1 CSI and a right-to-left override. */
    private static final String HOSTILE = "demo.count\u001b]0;pwned\u0007\u001b[2J\b\r\u009b31m\u202eexe.txt";
    private static final String HOSTILE_SHOWN =
            "demo.count\\u001b]0;pwned\\u0007\\u001b[2J\\u0008\\u000d\\u009b31m\\u202eexe.txt";

    @TempDir
    Path temp;
    Path dir;
    Cli cli;

    @BeforeEach
    void setUp() {
        dir = temp.resolve("library");
        cli = new Cli(dir);
    }

    @Test
    void a_crafted_job_name_and_the_error_quoting_it_are_escaped_in_run_list_and_pause() throws SQLException {
        String id = cli.dispatch("demo.count", QUICK);
        rename(id, HOSTILE);

        Cli.Result paused = cli.run("pause", id);
        assertThat(paused.exitCode()).as(paused.err()).isZero();
        assertThat(paused.out()).isEqualTo("job " + id + " (" + HOSTILE_SHOWN + ") is now paused" + System.lineSeparator());
        assertThat(cli.run("resume", id).exitCode()).isZero();

        // the type is unknown: the job fails, and its error quotes the name
        Cli.Result run = cli.runUntilIdle();
        assertNoControlCharacters(run.out());
        assertThat(run.out()).contains(id + " " + HOSTILE_SHOWN + " failed: ").contains("'" + HOSTILE_SHOWN + "'");

        Cli.Result table = cli.run("list");
        assertThat(table.exitCode()).isZero();
        assertNoControlCharacters(table.out());
        assertThat(table.out()).contains(id + "  " + HOSTILE_SHOWN + "  failed");

        Cli.Result json = cli.run("list", "--json");
        assertNoControlCharacters(json.out());
        JsonNode job = cli.job(id);
        assertThat(job.path("name").asText()).isEqualTo(HOSTILE);
        assertThat(job.path("error").path("message").asText()).contains("'" + HOSTILE + "'");
        assertThat(json.out()).contains("\"name\" : \"demo.count\\u001B]0;pwned\\u0007\\u001B[2J\\b\\r\\u009B31m\\u202Eexe.txt\"");
    }

    @Test
    void list_json_is_byte_for_byte_the_default_json_for_ordinary_names() throws Exception {
        String plain = cli.dispatch("demo.count", QUICK);
        String unicode = cli.dispatch("demo.count", QUICK);
        rename(unicode, "démo.count ✓ 数 \\u001b");
        cli.runUntilIdle();

        Cli.Result json = cli.run("list", "--json");

        ObjectMapper defaults = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode parsed = defaults.readTree(json.out());
        assertThat(json.out()).isEqualTo(defaults.writeValueAsString(parsed) + System.lineSeparator());
        assertThat(cli.job(plain).path("name").asText()).isEqualTo("demo.count");
        assertThat(cli.job(unicode).path("name").asText()).isEqualTo("démo.count ✓ 数 \\u001b");
        assertThat(cli.run("list").out()).contains("démo.count ✓ 数 \\u001b");
    }

    @Test
    void error_messages_quoting_the_command_line_are_escaped() {
        Cli.Result unknownId = cli.run("pause", "id\u001b[2J\u009b");
        Cli.Result unknownType = cli.run("dispatch", "demo\u001b]0;x\u0007", "{}");
        Cli.Result usage = cli.run("dispatch", "demo.count", QUICK, "--unique", "k", "--policy", "\u001b[31m");

        assertThat(unknownId.exitCode()).isEqualTo(2);
        assertThat(unknownId.err()).isEqualTo("stint: no job with id id\\u001b[2J\\u009b" + System.lineSeparator());
        assertThat(unknownType.exitCode()).isEqualTo(2);
        assertThat(unknownType.err()).contains("'demo\\u001b]0;x\\u0007'");
        assertThat(usage.exitCode()).isEqualTo(64);
        assertThat(usage.err()).startsWith("stint: --policy").contains("\\u001b[31m");
        for (Cli.Result r : new Cli.Result[] {unknownId, unknownType, usage}) {
            assertNoControlCharacters(r.err());
        }
    }

    /** Sets a stored job's name with SQL while no library has the folder open. */
    private void rename(String id, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                PreparedStatement ps = c.prepareStatement("UPDATE job_rows SET name = ? WHERE id = ?")) {
            ps.setString(1, name);
            ps.setString(2, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private static void assertNoControlCharacters(String printed) {
        printed.codePoints().forEach(cp -> assertThat(cp == '\n' || cp == '\r' && System.lineSeparator().equals("\r\n")
                        || !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT)
                .as("U+%04X in %s", cp, printed).isTrue());
    }
}
