package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.internal.store.Schema;
import dev.stint.jobs.CountJob;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A library written by an older schema version is migrated in place when opened, its jobs intact. */
class SchemaMigrationTest {
    @TempDir
    Path dir;

    @Test
    void a_version_4_library_gets_the_single_status_and_claim_index_and_its_jobs_still_run() throws Exception {
        List<JobHandle<Object>> handles;
        String pausedId;
        try (Library library = TestLibraries.builder(dir).autoStart(false).open()) {
            handles = library.dispatchAll(List.of(new CountJob(5, 10, 0, null), new CountJob(6, 10, 0, null),
                    new CountJob(7, 10, 0, null)));
            pausedId = handles.get(2).id();
            library.pause(pausedId);
        }
        // the file as version 4 left it: two indexes where version 5 has one
        OlderSchema.toVersionSeven(dir);
        RawDb.update(dir, "DROP INDEX jobs_by_status_queue");
        RawDb.update(dir, "CREATE INDEX jobs_by_status ON jobs (status, seq)");
        RawDb.update(dir, "CREATE INDEX jobs_claim ON jobs (queue, status, priority, seq)");
        RawDb.update(dir, "ALTER TABLE jobs DROP COLUMN log_lines"); // added by version 6
        RawDb.update(dir, "PRAGMA user_version = 4");
        assertThat(indexes()).contains("jobs_by_status", "jobs_claim").doesNotContain("jobs_by_status_queue");

        try (Library library = TestLibraries.open(dir)) {
            assertThat(library.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(library.job(handles.get(0).id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(library.job(handles.get(1).id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(library.job(pausedId).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
        }
        assertThat(userVersion()).isEqualTo(Schema.LATEST);
        assertThat(indexes()).contains("jobs_by_status_queue").doesNotContain("jobs_by_status", "jobs_claim");
    }

    @Test
    void a_version_5_library_gets_the_log_count_and_the_dispatch_order_indexes_and_pages_through_its_jobs() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Library library = TestLibraries.builder(dir).autoStart(false).open()) {
            for (int i = 0; i < 5; i++) {
                ids.add(library.dispatch(new CountJob(i, 10, 0, null)).id());
            }
        }
        OlderSchema.toVersionSeven(dir);
        RawDb.update(dir, "DROP INDEX jobs_by_created");
        RawDb.update(dir, "DROP INDEX job_history_by_created");
        RawDb.update(dir, "ALTER TABLE jobs DROP COLUMN log_lines");
        RawDb.update(dir, "PRAGMA user_version = 5");

        try (Library library = TestLibraries.builder(dir).autoStart(false).open()) {
            List<JobInfo> first = library.query(JobQuery.all().page(0, 3));
            List<JobInfo> second = library.query(JobQuery.all().page(0, 3).after(first.get(2)));
            assertThat(first).hasSize(3);
            assertThat(second).hasSize(2);
            assertThat(Stream.concat(first.stream(), second.stream()).map(JobInfo::id).sorted().toList())
                    .isEqualTo(ids.stream().sorted().toList());
        }
        assertThat(userVersion()).isEqualTo(Schema.LATEST);
        assertThat(indexes()).contains("jobs_by_created");
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
    }

    private int userVersion() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }

    private List<String> indexes() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('jobs', 'job_rows')")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
