package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted rows of {@code jobs.db} (constraints dropped with the sqlite3 shell) fail alone in the console:
 * {@code run} runs the good jobs and returns, {@code list} shows the crafted rows as {@code damaged} with their
 * problems, and {@code list --json} adds a {@code damage} object (null for sound jobs), every other field as before.
 */
class DamagedRowConsoleTest {
    private static final String QUICK = "{\"to\": 5, \"checkpointEvery\": 5, \"sleepMillis\": 0}";

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
    void crafted_rows_are_listed_as_damaged_and_the_good_jobs_run() throws SQLException {
        String good = cli.dispatch("demo.count", QUICK);
        String nullId = cli.dispatch("demo.count", QUICK);
        String badStatus = cli.dispatch("demo.count", QUICK);
        String forever = cli.dispatch("demo.count", QUICK);
        long nullIdSeq;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                Statement st = c.createStatement()) {
            long version;
            try (ResultSet rs = st.executeQuery("PRAGMA schema_version")) {
                rs.next();
                version = rs.getLong(1);
            }
            st.execute("PRAGMA writable_schema = ON");
            st.execute("UPDATE sqlite_master SET sql = replace(replace(sql, 'NOT NULL', ''),"
                    + " 'CHECK (status IN (''queued'', ''running'', ''paused'', ''completed'', ''failed'', ''cancelled''))', '')"
                    + " WHERE name = 'job_rows'");
            st.execute("PRAGMA schema_version = " + (version + 1));
            st.execute("PRAGMA writable_schema = OFF");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT seq FROM jobs WHERE id = '" + nullId + "'")) {
                rs.next();
                nullIdSeq = rs.getLong(1);
            }
            st.execute("UPDATE job_rows SET id = NULL WHERE seq = " + nullIdSeq);
            st.execute("UPDATE job_rows SET status = 'bogus' WHERE id = '" + badStatus + "'");
            st.execute("UPDATE job_rows SET run_at = 9223372036854775807 WHERE id = '" + forever + "'");
        }

        Cli.Result run = cli.runUntilIdle();
        assertThat(run.out()).contains(good);
        assertThat(cli.job(good).path("status").asText()).isEqualTo("completed");
        assertThat(cli.job(good).path("damage").isNull()).isTrue();

        Cli.Result table = cli.run("list");
        assertThat(table.exitCode()).as(table.err()).isZero();
        List<String> damagedLines = new ArrayList<>();
        table.out().lines().filter(l -> l.contains("  damaged  ")).forEach(damagedLines::add);
        assertThat(damagedLines).hasSize(3);
        assertThat(table.out()).contains("jobs#" + nullIdSeq).contains("jobs row " + nullIdSeq + ": id is missing")
                .contains("status is not queued, running or paused").contains("run_at is out of range");

        JsonNode bad = cli.job(badStatus);
        assertThat(bad.path("status").asText()).isEqualTo("paused");
        assertThat(bad.path("damage").path("table").asText()).isEqualTo("jobs");
        assertThat(bad.path("damage").path("problems").get(0).asText())
                .isEqualTo("status is not queued, running or paused");
        JsonNode missing = cli.job("jobs#" + nullIdSeq);
        assertThat(missing.path("damage").path("seq").asLong()).isEqualTo(nullIdSeq);
        assertThat(cli.job(forever).path("damage").path("problems").toString()).contains("run_at is out of range");
        // a second run has nothing to do and returns at once: the damaged rows are not pending
        assertThat(cli.runUntilIdle().exitCode()).isZero();
    }
}
