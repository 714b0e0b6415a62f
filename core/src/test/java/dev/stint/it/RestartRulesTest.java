package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.IncompatibleJobVersionException;
import dev.stint.JobFailedException;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStateDecodeException;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.SchemaVersionException;
import dev.stint.StorageException;
import dev.stint.UnknownJobTypeException;
import dev.stint.jobs.CountJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.jackson.dataformat.MessagePackFactory;

class RestartRulesTest {
    @TempDir
    Path dir;

    /** Stores two queued jobs and closes the library without running them; returns their ids. */
    private String[] twoQueuedJobs() {
        try (Library library = TestLibraries.builder(dir).autoStart(false).open()) {
            String bad = library.dispatch(new CountJob(10, 5, 0, null)).id();
            String good = library.dispatch(new CountJob(20, 5, 0, null)).id();
            return new String[] {bad, good};
        }
    }

    private void assertFailsAloneWith(String bad, String good, Class<?> errorType, String... messageParts)
            throws Exception {
        try (Library library = TestLibraries.open(dir)) {
            assertThat(library.handle(good, CountJob.Result.class).orElseThrow().result().get(10, TimeUnit.SECONDS)
                    .sum()).isEqualTo(210);
            JobHandle<Object> handle = library.handle(bad).orElseThrow();
            assertThatThrownBy(() -> handle.result().get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(JobFailedException.class);
            assertThat(library.awaitIdle(Duration.ofSeconds(10))).isTrue();
            JobInfo info = library.job(bad).orElseThrow();
            assertThat(info.status()).isEqualTo(JobStatus.FAILED);
            assertThat(info.error().type()).isEqualTo(errorType.getName());
            assertThat(info.error().message()).contains(messageParts);
            assertThat(library.activeJobs()).isEmpty();
        }
    }

    @Test
    void queued_jobs_survive_a_restart_and_run() throws Exception {
        String[] ids = twoQueuedJobs();
        try (Library library = TestLibraries.open(dir)) {
            assertThat(library.handle(ids[0], CountJob.Result.class).orElseThrow().result().get(10, TimeUnit.SECONDS)
                    .sum()).isEqualTo(55);
            assertThat(library.handle(ids[1], CountJob.Result.class).orElseThrow().result().get(10, TimeUnit.SECONDS)
                    .sum()).isEqualTo(210);
        }
    }

    @Test
    void undecodable_state_fails_that_job_alone() throws Exception {
        String[] ids = twoQueuedJobs();
        RawDb.update(dir, "UPDATE job_rows SET state = ? WHERE id = ?", new byte[] {(byte) 0xc1, 0x00, 0x13}, ids[0]);
        assertFailsAloneWith(ids[0], ids[1], JobStateDecodeException.class, ids[0], "test.count");
    }

    @Test
    void state_with_wrong_field_types_fails_that_job_alone() throws Exception {
        String[] ids = twoQueuedJobs();
        // a crafted blob: a class name where a number belongs is data, never a class to load
        byte[] crafted = new ObjectMapper(new MessagePackFactory()).writeValueAsBytes(
                Map.of("to", Map.of("@class", "java.lang.ProcessBuilder", "command", "rm")));
        RawDb.update(dir, "UPDATE job_rows SET state = ? WHERE id = ?", crafted, ids[0]);
        assertFailsAloneWith(ids[0], ids[1], JobStateDecodeException.class, "test.count");
    }

    @Test
    void corrupt_checkpoint_fails_that_job_alone() throws Exception {
        String[] ids = twoQueuedJobs();
        // a job that ran once (a checkpoint is only ever written by a run, and only a job that has run reads one)
        RawDb.update(dir, "UPDATE job_rows SET run_count = 1 WHERE id = ?", ids[0]);
        RawDb.update(dir, "INSERT INTO job_checkpoints (job_id, state, written_at, count) VALUES (?, ?, 0, 1)",
                ids[0], new byte[] {(byte) 0x93, 0x01});
        assertFailsAloneWith(ids[0], ids[1], JobStateDecodeException.class, "checkpoint");
    }

    @Test
    void unknown_version_fails_that_job_alone_naming_both_versions() throws Exception {
        String[] ids = twoQueuedJobs();
        RawDb.update(dir, "UPDATE job_rows SET version = 7 WHERE id = ?", ids[0]);
        assertFailsAloneWith(ids[0], ids[1], IncompatibleJobVersionException.class, "version 7", "version 1");
    }

    @Test
    void unknown_job_name_fails_that_job_alone() throws Exception {
        String[] ids = twoQueuedJobs();
        RawDb.update(dir, "UPDATE job_rows SET name = 'gone.job' WHERE id = ?", ids[0]);
        assertFailsAloneWith(ids[0], ids[1], UnknownJobTypeException.class, "gone.job");
    }

    @Test
    void a_database_from_a_newer_stint_is_refused_and_left_untouched() throws Exception {
        twoQueuedJobs();
        RawDb.update(dir, "PRAGMA user_version = 99");
        byte[] before = Files.readAllBytes(dir.resolve("jobs.db"));
        assertThatThrownBy(() -> TestLibraries.open(dir)).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("99");
        assertThat(Files.readAllBytes(dir.resolve("jobs.db"))).isEqualTo(before);
        // the failed open released the owner lock
        RawDb.update(dir, "PRAGMA user_version = " + dev.stint.internal.store.Schema.LATEST);
        try (Library library = TestLibraries.builder(dir).autoStart(false).open()) {
            assertThat(library.activeJobs()).hasSize(2);
        }
    }

    @Test
    void a_file_that_is_not_a_database_is_a_clear_error() throws Exception {
        Files.writeString(dir.resolve("jobs.db"), "this is not sqlite, just some text that is long enough ".repeat(20));
        assertThatThrownBy(() -> TestLibraries.open(dir)).isInstanceOf(StorageException.class)
                .hasMessageContaining("not a SQLite database");
    }

    @Test
    void another_applications_sqlite_file_is_refused() throws Exception {
        RawDb.update(dir, "CREATE TABLE photos (id INTEGER PRIMARY KEY)");
        assertThatThrownBy(() -> TestLibraries.open(dir)).isInstanceOf(StorageException.class)
                .hasMessageContaining("not Stint's");
    }
}
