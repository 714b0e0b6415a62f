package dev.stint.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.DamagedLibraryException;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.StorageException;
import dev.stint.jobs.CountJob;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Structure that cannot hold is refused or repaired at open, never looped on: what can be rebuilt without
 * loss is rebuilt; the rest is refused with a {@link DamagedLibraryException} naming what is missing; an empty
 * {@code jobs.db} in a folder that held a library is refused, never replaced by an empty library.
 */
class MissingStructureTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"job_checkpoints", "job_steps", "queues", "recurring_jobs", "job_rows"})
    void a_table_whose_loss_cannot_be_undone_is_refused_by_name(String table) throws Exception {
        CraftedFile.Jobs jobs = CraftedFile.create(dir);
        long before = CraftedFile.number(dir, "SELECT count(*) FROM job_rows");
        CraftedFile.execute(dir, "DROP TABLE " + table);
        assertThatThrownBy(() -> CraftedFile.builder(dir).open()).isInstanceOf(DamagedLibraryException.class)
                .hasMessageContaining("table " + table + " is missing").hasMessageContaining("backup")
                .satisfies(e -> assertThat(((DamagedLibraryException) e).problems()).hasSize(1));
        // nothing was changed: the table is still missing, the jobs are still there, and the lock is free
        try (Connection c = CraftedFile.connect(dir)) {
            assertThat(CraftedFile.number(c, "SELECT count(*) FROM sqlite_master WHERE name = '" + table + "'")).isZero();
            if (!table.equals("job_rows")) {
                assertThat(CraftedFile.number(c, "SELECT count(*) FROM jobs WHERE id = '" + jobs.queued() + "'")).isOne();
                assertThat(CraftedFile.number(c, "SELECT count(*) FROM job_rows")).isEqualTo(before);
            }
        }
        assertThatThrownBy(() -> CraftedFile.builder(dir).open()).isInstanceOf(DamagedLibraryException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DROP VIEW jobs", "DROP VIEW job_history",
        "DROP VIEW jobs; CREATE VIEW jobs AS SELECT * FROM job_rows WHERE 0",
        "DROP VIEW job_history; CREATE VIEW job_history AS SELECT * FROM job_rows"})
    void a_view_that_is_missing_or_reads_other_rows_is_put_back(String craft) throws Exception {
        CraftedFile.Jobs jobs = CraftedFile.create(dir);
        CraftedFile.execute(dir, craft.split("; "));
        try (Library library = CraftedFile.builder(dir).open()) {
            assertThat(library.handle(jobs.queued()).orElseThrow().result().get(20, TimeUnit.SECONDS)).isNotNull();
            assertThat(library.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(library.job(jobs.paused()).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
            assertThat(library.job(jobs.finished()).orElseThrow().status().isTerminal()).isTrue();
        }
        try (Connection c = CraftedFile.connect(dir)) {
            assertThat(CraftedFile.text(c, "SELECT sql FROM sqlite_master WHERE name = 'jobs'"))
                    .endsWith("FROM job_rows WHERE finished_at IS NULL");
            assertThat(CraftedFile.text(c, "SELECT sql FROM sqlite_master WHERE name = 'job_history'"))
                    .endsWith("FROM job_rows WHERE finished_at IS NOT NULL");
        }
        CraftedFile.assertSound(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"job_checkpoints", "job_steps"})
    void a_side_table_lost_while_no_job_is_active_is_rebuilt(String table) throws Exception {
        try (Library library = CraftedFile.builder(dir).open()) {
            library.dispatch(new CountJob(3, 1, 0, null)).result().get(20, TimeUnit.SECONDS);
        }
        CraftedFile.execute(dir, "DROP TABLE " + table);
        try (Library library = CraftedFile.builder(dir).open()) {
            assertThat(library.dispatch(new CountJob(30, 2, 0, null)).result().get(20, TimeUnit.SECONDS).sum())
                    .isEqualTo(465);
            assertThat(library.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        try (Connection c = CraftedFile.connect(dir)) {
            assertThat(CraftedFile.number(c, "SELECT count(*) FROM sqlite_master WHERE name = '" + table + "'")).isOne();
        }
        CraftedFile.assertSound(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jobs_due", "jobs_by_status_queue", "jobs_unique", "jobs_by_parent", "jobs_by_after",
        "jobs_by_created", "job_history_by_finished", "job_history_by_queue", "job_history_by_name",
        "job_history_failed"})
    void a_missing_index_is_rebuilt_and_the_jobs_run(String index) throws Exception {
        CraftedFile.Jobs jobs = CraftedFile.create(dir);
        CraftedFile.execute(dir, "DROP INDEX " + index);
        try (Library library = CraftedFile.builder(dir).open()) {
            assertThat(library.handle(jobs.queued()).orElseThrow().result().get(20, TimeUnit.SECONDS)).isNotNull();
            assertThat(library.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(library.job(jobs.paused()).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
        }
        try (Connection c = CraftedFile.connect(dir)) {
            assertThat(CraftedFile.number(c, "SELECT count(*) FROM sqlite_master WHERE name = '" + index + "'")).isOne();
        }
        CraftedFile.assertSound(dir);
    }

    @Test
    void a_missing_column_is_refused_by_name() throws Exception {
        CraftedFile.create(dir);
        // the views name every column: a tool that drops one drops them first
        CraftedFile.execute(dir, "DROP VIEW jobs", "DROP VIEW job_history", "ALTER TABLE job_rows DROP COLUMN initiator");
        assertThatThrownBy(() -> CraftedFile.builder(dir).open()).isInstanceOf(DamagedLibraryException.class)
                .hasMessageContaining("column job_rows.initiator is missing");
    }

    @Test
    void jobs_whose_ids_are_no_longer_unique_are_refused() throws Exception {
        CraftedFile.Jobs jobs = CraftedFile.create(dir);
        rebuildWithoutUniqueId();
        // an active job and a finished one under one id: one table holds both, so its unique key covers both
        CraftedFile.execute(dir, "INSERT INTO job_rows (id, name, version, status, state, created_at, updated_at,"
                + " finished_at) SELECT id, name, version, 'completed', state, created_at, updated_at, 1 FROM job_rows"
                + " WHERE id = '" + jobs.queued() + "'");
        assertThatThrownBy(() -> CraftedFile.builder(dir).open()).isInstanceOf(DamagedLibraryException.class)
                .hasMessageContaining("job_rows.id is no longer unique");
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty", "missing"})
    void an_empty_or_missing_jobs_db_in_a_folder_that_held_a_library_is_refused(String kind) throws Exception {
        CraftedFile.create(dir);
        Path db = dir.resolve("jobs.db");
        if (kind.equals("empty")) {
            try (FileChannel ch = FileChannel.open(db, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
        } else {
            Files.delete(db);
        }
        assertThatThrownBy(() -> CraftedFile.builder(dir).open()).isInstanceOf(DamagedLibraryException.class)
                .hasMessageContaining("jobs.db.lock").hasMessageContaining("restore jobs.db from a backup");
        // never replaced by an empty library: the file is as it was
        if (kind.equals("empty")) {
            assertThat(Files.size(db)).isZero();
        } else {
            assertThat(db).doesNotExist();
        }
        assertThatThrownBy(() -> CraftedFile.builder(dir).open()).isInstanceOf(DamagedLibraryException.class);
    }

    @Test
    void a_folder_whose_first_open_died_before_the_schema_becomes_a_library() throws Exception {
        Path fresh = dir.resolve("fresh");
        Files.createDirectories(fresh);
        // what a process killed in its first open leaves: the lock file with its owner line, an empty jobs.db
        Files.writeString(fresh.resolve("jobs.db.lock"), "by process 1 since 2026-01-01T00:00:00Z");
        Files.write(fresh.resolve("jobs.db"), new byte[0]);
        try (Library library = CraftedFile.builder(fresh).open()) {
            assertThat(library.dispatch(new CountJob(2, 1, 0, null)).result().get(20, TimeUnit.SECONDS)).isNotNull();
        }
        assertThat(Files.readString(fresh.resolve("jobs.db.lock"))).endsWith("; jobs.db opened");
    }

    @Test
    void a_truncated_jobs_db_is_refused_with_a_storage_error() throws Exception {
        CraftedFile.create(dir);
        Path db = dir.resolve("jobs.db");
        try (FileChannel ch = FileChannel.open(db, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        long size = Files.size(db);
        assertThatThrownBy(() -> CraftedFile.builder(dir).open()).isInstanceOf(StorageException.class);
        assertThat(Files.size(db)).isEqualTo(size);
    }

    @Test
    void a_new_folder_or_one_holding_only_plugins_becomes_a_library() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b").resolve("plugins"));
        for (String sub : List.of("a", "b", "c")) {
            try (Library library = CraftedFile.builder(dir.resolve(sub)).open()) {
                assertThat(library.activeJobs()).isEmpty();
            }
        }
    }

    /** Rebuilds {@code job_rows} as the sqlite3 shell would, without the unique key of its ids. */
    private void rebuildWithoutUniqueId() throws Exception {
        String sql;
        List<String> indexes;
        try (Connection c = CraftedFile.connect(dir)) {
            sql = CraftedFile.text(c, "SELECT sql FROM sqlite_master WHERE name = 'job_rows'");
            indexes = new java.util.ArrayList<>();
            try (var st = c.createStatement();
                    var rs = st.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name ="
                            + " 'job_rows' AND sql IS NOT NULL")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
        }
        assertThat(sql).contains("id           TEXT    NOT NULL UNIQUE");
        String rebuilt = sql.replace("CREATE TABLE \"job_rows\"", "CREATE TABLE rebuilt")
                .replace("id           TEXT    NOT NULL UNIQUE", "id           TEXT    NOT NULL");
        List<String> statements = new java.util.ArrayList<>(List.of("PRAGMA foreign_keys = OFF", "BEGIN",
                "DROP VIEW jobs", "DROP VIEW job_history", rebuilt, "INSERT INTO rebuilt SELECT * FROM job_rows",
                "DROP TABLE job_rows", "ALTER TABLE rebuilt RENAME TO job_rows"));
        statements.addAll(indexes);
        statements.add("COMMIT");
        CraftedFile.execute(dir, statements.toArray(String[]::new));
    }
}
