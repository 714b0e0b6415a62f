package dev.stint.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.TestCatalog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A library holding queued, paused and finished jobs, and the raw SQL an attacker with the {@code sqlite3}
 * shell would run on it while it is closed (constraints dropped through {@code writable_schema}, tables
 * rebuilt or dropped).
 */
final class CraftedFile {
    /** The jobs of the library before it is crafted. */
    record Jobs(String queued, String paused, String finished, String victim) {
    }

    private CraftedFile() {
    }

    static Library.Builder builder(Path dir) {
        return Library.builder(dir).catalog(TestCatalog.all()).useServiceLoader(false).concurrency(2)
                .shutdownTimeout(Duration.ofSeconds(5)).powerSafe(false);
    }

    /**
     * Creates the library: one finished job (in history), one paused, one queued and one queued victim for
     * the crafted damage (the finished one is the victim of history damage).
     */
    static Jobs create(Path dir) throws Exception {
        String finished;
        try (Library library = builder(dir).open()) {
            var handle = library.dispatch(new CountJob(3, 1, 0, null));
            handle.result().get(20, TimeUnit.SECONDS);
            finished = handle.id();
            assertThat(library.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        try (Library library = builder(dir).autoStart(false).open()) {
            String paused = library.dispatch(new CountJob(4, 1, 0, null)).id();
            library.pause(paused);
            String queued = library.dispatch(new CountJob(5, 1, 0, null)).id();
            String victim = library.dispatch(new CountJob(6, 1, 0, null)).id();
            return new Jobs(queued, paused, finished, victim);
        }
    }

    static Connection connect(Path dir) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
    }

    /** Drops every NOT NULL and CHECK constraint of {@code job_rows}, as writable_schema allows. */
    static void dropConstraints(Path dir) throws SQLException {
        try (Connection c = connect(dir); Statement st = c.createStatement()) {
            int version = (int) number(c, "PRAGMA schema_version");
            st.execute("PRAGMA writable_schema = ON");
            st.execute("UPDATE sqlite_master SET sql = replace(replace(replace(sql, 'NOT NULL', ''),"
                    + " 'CHECK (status IN (''queued'', ''running'', ''paused'', ''completed'', ''failed'', ''cancelled''))',"
                    + " ''), 'unused', '')"
                    + " WHERE type = 'table' AND name = 'job_rows'");
            st.execute("PRAGMA schema_version = " + (version + 1));
            st.execute("PRAGMA writable_schema = OFF");
        }
        try (Connection c = connect(dir)) {
            String sql = text(c, "SELECT sql FROM sqlite_master WHERE name = 'job_rows'");
            assertThat(sql).doesNotContain("CHECK").doesNotContain("NOT NULL");
        }
    }

    static int update(Path dir, String sql, Object... args) throws SQLException {
        try (Connection c = connect(dir); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    static void execute(Path dir, String... statements) throws SQLException {
        try (Connection c = connect(dir); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    static long number(Path dir, String sql) throws SQLException {
        try (Connection c = connect(dir)) {
            return number(c, sql);
        }
    }

    static long number(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String text(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** After the library closed: no row is left running and SQLite finds the file sound. */
    static void assertSound(Path dir) throws SQLException {
        try (Connection c = connect(dir)) {
            assertThat(number(c, "SELECT count(*) FROM jobs WHERE status = '" + JobStatus.RUNNING.wireName() + "'"))
                    .as("rows left running").isZero();
            assertThat(text(c, "PRAGMA integrity_check")).isEqualTo("ok");
        }
    }
}
