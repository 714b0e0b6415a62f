package dev.stint.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.DamagedLibraryException;
import dev.stint.IncompatibleJobVersionException;
import dev.stint.JobInfo;
import dev.stint.JobStateDecodeException;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.SchemaVersionException;
import dev.stint.StorageException;
import dev.stint.UnknownJobTypeException;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.NotAJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crafted and damaged {@code jobs.db} files, opened by a real library: a file it cannot use is refused at
 * open with a typed error and left alone; a damaged row fails its own job with a typed error; the other jobs
 * run; no class is ever loaded by a name read from the file.
 */
class CraftedLibraryTest {
    private static final Set<String> TYPED_LOAD_ERRORS = Set.of(JobStateDecodeException.class.getName(),
            UnknownJobTypeException.class.getName(), IncompatibleJobVersionException.class.getName());

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20261123L, 7L, 424242L})
    void damaged_state_and_checkpoint_blobs_fail_only_their_own_jobs(long seed) throws Exception {
        Random random = new Random(seed);
        int damaged = 60;
        List<String> ids = new ArrayList<>();
        try (Library library = Libraries.builder(dir).autoStart(false).open()) {
            for (int i = 0; i < damaged; i++) {
                ids.add(library.dispatch(new CountJob(20, 5, 0, null)).id());
            }
        }
        byte[] original = RawSql.blob(dir, "SELECT state FROM jobs WHERE id = ?", ids.get(0));
        for (int i = 0; i < damaged; i++) {
            byte[] bad = BlobMutations.mutate(original, random);
            switch (i % 4) {
                case 0, 1 -> RawSql.update(dir, "UPDATE job_rows SET state = ? WHERE id = ?", bad, ids.get(i));
                case 2 -> RawSql.update(dir, "INSERT INTO job_checkpoints (job_id, state, written_at, count)"
                        + " VALUES (?, ?, 0, 1)", ids.get(i), bad);
                default -> RawSql.update(dir, "UPDATE job_rows SET progress = ?, errors = ?, results = ? WHERE id = ?",
                        bad, bad, bad, ids.get(i));
            }
        }
        try (Library library = Libraries.open(dir)) {
            assertThat(library.awaitIdle(Duration.ofSeconds(30))).as("seed %d: idle", seed).isTrue();
            assertThat(library.activeJobs()).as("seed %d: no job left behind", seed).isEmpty();
            for (int i = 0; i < damaged; i++) {
                JobInfo info = Libraries.finished(library, ids.get(i));
                if (info.status() == JobStatus.FAILED) {
                    assertThat(info.error().type()).as("seed %d job %d", seed, i).isIn(TYPED_LOAD_ERRORS);
                } else {
                    assertThat(info.status()).as("seed %d job %d: %s", seed, i, info.error())
                            .isEqualTo(JobStatus.COMPLETED);
                }
                if (i % 4 == 3) {
                    assertThat(info.status()).as("seed %d job %d: damaged side blobs are ignored", seed, i)
                            .isEqualTo(JobStatus.COMPLETED);
                }
            }
            assertThat(library.dispatch(new CountJob(4, 1, 0, null)).result().get(10, TimeUnit.SECONDS).sum())
                    .isEqualTo(10);
        }
    }

    @Test
    void rows_naming_unregistered_types_or_plain_classes_fail_alone_and_load_no_class() throws Exception {
        List<String> names = List.of(NotAJob.class.getName(), "java.lang.Runtime", "", "test.count ",
                "TEST.COUNT", "test.count'; DROP TABLE jobs; --", "ジョブ", "x".repeat(10_000));
        List<String> ids = new ArrayList<>();
        String healthy;
        try (Library library = Libraries.builder(dir).autoStart(false).open()) {
            for (int i = 0; i < names.size(); i++) {
                ids.add(library.dispatch(new CountJob(3, 1, 0, null)).id());
            }
            healthy = library.dispatch(new CountJob(5, 1, 0, null)).id();
        }
        for (int i = 0; i < names.size(); i++) {
            RawSql.update(dir, "UPDATE job_rows SET name = ? WHERE id = ?", names.get(i), ids.get(i));
        }
        String wrongVersion = ids.get(0);
        RawSql.update(dir, "UPDATE job_rows SET name = 'test.count', version = 99 WHERE id = ?", wrongVersion);
        try (Library library = Libraries.open(dir)) {
            assertThat(library.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(Libraries.finished(library, wrongVersion).error().type())
                    .isEqualTo(IncompatibleJobVersionException.class.getName());
            for (String id : ids.subList(1, ids.size())) {
                JobInfo info = Libraries.finished(library, id);
                assertThat(info.status()).isEqualTo(JobStatus.FAILED);
                assertThat(info.error().type()).isEqualTo(UnknownJobTypeException.class.getName());
            }
            assertThat(Libraries.finished(library, healthy).status()).isEqualTo(JobStatus.COMPLETED);
        }
        assertThat(NotAJob.Witness.FLAG).as("a class named in jobs.db was initialised").isFalse();
    }

    @Test
    void a_file_from_a_newer_stint_is_refused_and_left_untouched() throws Exception {
        try (Library library = Libraries.open(dir)) {
            library.dispatch(new CountJob(1, 1, 0, null));
        }
        RawSql.update(dir, "PRAGMA user_version = 99");
        String before = digest(dir.resolve("jobs.db"));
        assertThatThrownBy(() -> Libraries.open(dir)).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("99");
        assertThat(digest(dir.resolve("jobs.db"))).isEqualTo(before);
        assertThat(RawSql.number(dir, "PRAGMA user_version")).isEqualTo(99);
        // the lock was released: a second attempt fails the same way, not with "already open"
        assertThatThrownBy(() -> Libraries.open(dir)).isInstanceOf(SchemaVersionException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"garbage", "foreign-application", "foreign-tables", "empty-with-version"})
    void a_file_that_is_not_a_stint_library_is_refused_with_a_storage_error(String kind) throws Exception {
        Path db = dir.resolve("jobs.db");
        switch (kind) {
            case "garbage" -> Files.write(db, new Random(1).ints(8192, 0, 256).collect(java.io.ByteArrayOutputStream::new,
                    java.io.ByteArrayOutputStream::write, (a, b) -> { }).toByteArray());
            case "foreign-application" -> RawSql.update(dir, "PRAGMA application_id = 1234");
            case "foreign-tables" -> RawSql.update(dir, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
            default -> RawSql.update(dir, "PRAGMA user_version = 4");
        }
        String before = digest(db);
        String contents = kind.equals("garbage") ? "" : contentsOf(dir);
        assertThatThrownBy(() -> Libraries.open(dir)).as(kind).isInstanceOf(StorageException.class);
        // byte for byte: whose file it is gets checked before anything (even the journal mode) changes
        assertThat(digest(db)).as("%s: left untouched", kind).isEqualTo(before);
        assertThat(dir.resolve("jobs.db-wal")).as("%s: no WAL created", kind).doesNotExist();
        if (!kind.equals("garbage")) {
            assertThat(contentsOf(dir)).isEqualTo(contents);
            assertThat(RawSql.text(dir, "PRAGMA journal_mode")).isEqualTo("delete");
        }
    }

    private static String digest(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    /** The schema, application id and user version of a SQLite file. */
    private static String contentsOf(Path library) throws Exception {
        StringBuilder out = new StringBuilder();
        try (var c = RawSql.connect(library); var st = c.createStatement()) {
            for (String sql : List.of("SELECT group_concat(type || ':' || name || ':' || sql, ';') FROM sqlite_master",
                    "PRAGMA application_id", "PRAGMA user_version")) {
                try (var rs = st.executeQuery(sql)) {
                    out.append(rs.next() ? rs.getString(1) : "").append('|');
                }
            }
        }
        return out.toString();
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"job_checkpoints", "job_rows", "job_steps", "queues"})
    void a_library_missing_a_table_is_refused_at_open(String table) throws Exception {
        try (Library library = Libraries.open(dir)) {
            library.dispatch(new CountJob(1, 1, 0, null)).result().get(10, TimeUnit.SECONDS);
        }
        try (Library library = Libraries.builder(dir).autoStart(false).open()) {
            library.dispatch(new CountJob(2, 1, 0, null)); // an active job: its side tables cannot be rebuilt
        }
        RawSql.update(dir, "DROP TABLE " + table);
        assertThatThrownBy(() -> Libraries.open(dir)).as("without %s", table)
                .isInstanceOf(DamagedLibraryException.class).hasMessageContaining("table " + table + " is missing");
    }
}
