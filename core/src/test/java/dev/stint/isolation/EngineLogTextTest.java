package dev.stint.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.TestCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's own log lines name jobs by what {@code jobs.db} holds, which anyone who can write the file
 * controls: a stored name holding terminal escape sequences is logged escaped, never raw.
 */
class EngineLogTextTest {
    private static final String HOSTILE = "demo\u001b]0;owned\u0007\u001b[2J\u202eexe.txt";

    @TempDir
    Path dir;

    @Test
    void a_stored_name_with_escape_sequences_is_logged_escaped() throws Exception {
        String id;
        try (Library library = Library.builder(dir).catalog(TestCatalog.all()).useServiceLoader(false)
                .powerSafe(false).autoStart(false).open()) {
            id = library.dispatch(new CountJob(2, 1, 0, null)).id();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                PreparedStatement ps = c.prepareStatement("UPDATE job_rows SET name = ? WHERE id = ?")) {
            ps.setString(1, HOSTILE);
            ps.setString(2, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // slf4j-simple writes to the System.err of the moment it logs
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Library library = Library.builder(dir).catalog(TestCatalog.all()).useServiceLoader(false)
                .powerSafe(false).open()) {
            assertThat(library.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(library.job(id).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("cannot be loaded and fails").contains("demo\\u001b]0;owned\\u0007\\u001b[2J\\u202eexe.txt")
                .doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\u0007");
    }
}
