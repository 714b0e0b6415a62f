package dev.stint.reliability;

import dev.stint.StopReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stint.JobHandle;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.StorageException;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.GrowingJob;
import dev.stint.jobs.SizedJob;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database file turns read-only, the disk fills, another program holds the write lock: calls fail with a
 * {@link StorageException} that says which, nothing half-written is left, and once the fault is gone the
 * library carries on without a restart; whatever a running job had committed survives to the next open.
 * Faults are real SQLite errors on the engine's own connection (see {@link StorageFaults}).
 */
class StorageFaultTest {
    @TempDir
    Path dir;

    @Test
    void a_read_only_file_fails_dispatch_with_a_storage_error_and_stores_nothing() throws Exception {
        try (Library library = Libraries.open(dir)) {
            StorageFaults.of(library).readOnly(true);
            assertThatThrownBy(() -> library.dispatch(new CountJob(3, 1, 0, null)))
                    .isInstanceOf(StorageException.class).hasMessageContaining("read-only");
            assertThat(Libraries.all(library)).isEmpty();
        }
        assertThat(integrityCheck()).isEqualTo("ok");
    }

    @Test
    void a_full_disk_fails_dispatch_with_a_storage_error_and_stores_nothing() throws Exception {
        try (Library library = Libraries.open(dir)) {
            StorageFaults.of(library).diskFull();
            assertThatThrownBy(() -> library.dispatch(new SizedJob(200_000, 0, 0, 0)))
                    .isInstanceOf(StorageException.class);
            assertThat(Libraries.all(library)).isEmpty();
        }
        assertThat(integrityCheck()).isEqualTo("ok");
    }

    @Test
    void writes_resume_without_a_restart_once_the_file_is_writable_again() throws Exception {
        try (Library library = Libraries.open(dir)) {
            StorageFaults faults = StorageFaults.of(library);
            faults.readOnly(true);
            assertThatThrownBy(() -> library.dispatch(new CountJob(3, 1, 0, null)))
                    .isInstanceOf(StorageException.class).hasMessageContaining("read-only");
            faults.readOnly(false);
            assertThat(library.dispatch(new CountJob(3, 1, 0, null)).result().get(10, TimeUnit.SECONDS).sum())
                    .isEqualTo(6);
        }
    }

    @Test
    void a_full_disk_is_reported_as_such_and_writes_resume_without_a_restart_once_space_returns() throws Exception {
        try (Library library = Libraries.open(dir)) {
            StorageFaults faults = StorageFaults.of(library);
            faults.diskFull();
            assertThatThrownBy(() -> library.dispatch(new SizedJob(200_000, 0, 0, 0)))
                    .isInstanceOf(StorageException.class).hasMessageContaining("disk is full");
            faults.spaceReturns();
            assertThat(library.dispatch(new SizedJob(200_000, 0, 0, 0)).result().get(10, TimeUnit.SECONDS))
                    .isEqualTo("refused=null");
        }
    }

    @Test
    void a_job_whose_checkpoint_fails_for_storage_pauses_and_resumes_without_a_restart() throws Exception {
        String gate = "pause-" + System.nanoTime();
        try (Library library = Libraries.open(dir)) {
            StorageFaults faults = StorageFaults.of(library);
            JobHandle<Integer> handle = library.dispatch(new GrowingJob(gate, 3, 100_000));
            GrowingJob.release(gate, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> library.job(handle.id()).orElseThrow().checkpoints() == 1);
            faults.diskFull();
            GrowingJob.release(gate, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> library.job(handle.id()).orElseThrow().status()
                    == JobStatus.PAUSED);
            assertThat(library.job(handle.id()).orElseThrow().stopReason()).isEqualTo(StopReason.STORAGE);
            faults.spaceReturns();
            library.resume(handle.id());
            GrowingJob.release(gate, 3);
            assertThat(handle.result().get(10, TimeUnit.SECONDS)).isEqualTo(3);
        }
    }

    @Test
    void a_write_lock_held_by_another_program_makes_calls_wait_the_busy_timeout_then_fail_typed() throws Exception {
        Duration busy = Duration.ofMillis(300);
        String gate = "lock-" + System.nanoTime();
        try (Library library = Libraries.builder(dir).busyTimeout(busy).open()) {
            JobHandle<Integer> running = library.dispatch(new GrowingJob(gate, 2, 10));
            GrowingJob.release(gate, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> library.job(running.id()).orElseThrow().checkpoints() == 1);
            String queued = library.dispatch(new CountJob(3, 1, 0, null),
                    dev.stint.DispatchOptions.defaults().withDelay(Duration.ofHours(1))).id();
            try (Connection other = RawSql.connect(dir); Statement st = other.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                st.execute("UPDATE job_rows SET priority = priority WHERE 0");
                long start = System.nanoTime();
                assertThatThrownBy(() -> library.dispatch(new CountJob(4, 1, 0, null)))
                        .isInstanceOf(StorageException.class).hasMessageContaining("locked");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited the busy timeout")
                        .isGreaterThanOrEqualTo(busy);
                assertThatThrownBy(() -> library.pause(queued)).isInstanceOf(StorageException.class)
                        .hasMessageContaining("locked");
                assertThat(library.activeJobs()).as("reads go on under the lock").hasSize(2);
                st.execute("ROLLBACK");
            }
            library.pause(queued);
            library.cancel(queued);
            GrowingJob.release(gate, 1);
            assertThat(running.result().get(10, TimeUnit.SECONDS)).isEqualTo(2);
        }
        assertThat(integrityCheck()).isEqualTo("ok");
    }

    private String integrityCheck() throws Exception {
        try (Connection c = RawSql.connect(dir); Statement st = c.createStatement();
                var rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
