package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.DispatchOptions;
import dev.stint.JobQuery;
import dev.stint.Library;
import dev.stint.Outbox;
import java.util.UUID;
import java.time.Instant;
import dev.stint.jobs.SizedJob;
import dev.stint.JobDataTooLargeException;
import dev.stint.jobs.CountJob;
import dev.stint.internal.exec.OpenLibrary;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dispatch inside the application's own SQLite transaction: the job exists iff that transaction commits. */
class OutboxTest {
    @TempDir
    Path dir;

    private String appUrl;

    @BeforeEach
    void createAppDatabase() throws SQLException {
        appUrl = "jdbc:sqlite:" + dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection(appUrl); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)");
        }
    }

    private int count(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(appUrl); Statement st = c.createStatement()) {
            try (ResultSet tables = c.getMetaData().getTables(null, null, table, null)) {
                if (!tables.next()) {
                    return 0;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void a_job_dispatched_in_a_rolled_back_transaction_never_exists() throws Exception {
        try (Connection app = DriverManager.getConnection(appUrl); Library library = TestLibraries.open(dir.resolve("lib"))) {
            app.setAutoCommit(false);
            app.createStatement().execute("INSERT INTO photos (path) VALUES ('a.jpg')");
            Outbox.dispatch(app, new CountJob(3, 1, 0, null));
            app.rollback();
            app.setAutoCommit(true);
            assertThat(library.drainOutbox(app)).isZero();
            assertThat(library.query(JobQuery.all())).isEmpty();
        }
        assertThat(count("photos")).isZero();
    }

    @Test
    void a_job_dispatched_in_a_committed_transaction_runs_once_and_leaves_the_outbox() throws Exception {
        try (Connection app = DriverManager.getConnection(appUrl); Library library = TestLibraries.open(dir.resolve("lib"))) {
            app.setAutoCommit(false);
            app.createStatement().execute("INSERT INTO photos (path) VALUES ('a.jpg')");
            String id = Outbox.dispatch(app, new CountJob(3, 1, 0, null), DispatchOptions.defaults().withInitiator("import"));
            app.commit();
            app.setAutoCommit(true);
            assertThat(count(Outbox.TABLE)).isEqualTo(1);
            assertThat(library.drainOutbox(app)).isEqualTo(1);
            assertThat(library.handle(id, CountJob.Result.class).orElseThrow().result().get(10, TimeUnit.SECONDS).sum())
                    .isEqualTo(6);
            assertThat(library.job(id).orElseThrow().initiator()).isEqualTo("import");
            assertThat(library.drainOutbox(app)).isZero();
        }
        assertThat(count(Outbox.TABLE)).isZero();
        assertThat(count("photos")).isEqualTo(1);
    }

    @Test
    void a_crash_between_the_two_commits_stores_the_job_exactly_once() throws Exception {
        String id;
        try (Connection app = DriverManager.getConnection(appUrl)) {
            app.setAutoCommit(false);
            id = Outbox.dispatch(app, new CountJob(4, 1, 0, null));
            app.commit();
            app.setAutoCommit(true);
            try (Library library = TestLibraries.builder(dir.resolve("lib")).autoStart(false).open()) {
                assertThatThrownBy(() -> ((OpenLibrary) library).drainOutbox(app, () -> {
                    throw new IllegalStateException("crash after jobs.db committed");
                })).hasMessageContaining("crash");
                assertThat(library.job(id)).isPresent();
            }
        }
        assertThat(count(Outbox.TABLE)).isEqualTo(1); // the outbox row survived the "crash"
        // the library drains its configured outbox when it opens: the row is not inserted again, only removed
        try (Library library = TestLibraries.builder(dir.resolve("lib"))
                .outbox(() -> DriverManager.getConnection(appUrl)).open()) {
            assertThat(library.handle(id, CountJob.Result.class).orElseThrow().result().get(10, TimeUnit.SECONDS).sum())
                    .isEqualTo(10);
            assertThat(library.query(JobQuery.all())).hasSize(1);
        }
        assertThat(count(Outbox.TABLE)).isZero();
    }

    @Test
    void an_outbox_job_gets_a_time_ordered_id_the_library_clock_and_the_state_limit_of_a_dispatch() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-06T08:00:00Z"));
        try (Connection app = DriverManager.getConnection(appUrl);
                Library library = TestLibraries.builder(dir.resolve("lib")).clock(clock).open()) {
            String id = Outbox.dispatch(app, new CountJob(3, 1, 0, null), DispatchOptions.defaults(), clock);
            assertThat(UUID.fromString(id).version()).isEqualTo(7);
            assertThatThrownBy(() -> Outbox.dispatch(app, new SizedJob(17 << 20, 0, 0, 0)))
                    .isInstanceOf(JobDataTooLargeException.class);
            assertThat(count(Outbox.TABLE)).isEqualTo(1); // the refused job wrote nothing
            assertThat(library.drainOutbox(app)).isEqualTo(1);
            assertThat(library.job(id).orElseThrow().createdAt()).isEqualTo(clock.instant());
        }
    }
}
