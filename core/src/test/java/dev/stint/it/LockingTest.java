package dev.stint.it;

import dev.stint.StopReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.JobHandle;
import dev.stint.Library;
import dev.stint.LibraryClosedException;
import dev.stint.LibraryLockedException;
import dev.stint.StorageException;
import dev.stint.jobs.CountJob;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockingTest {
    @TempDir
    Path dir;

    @Test
    void opening_an_open_library_twice_in_one_process_is_refused() {
        try (Library library = TestLibraries.open(dir)) {
            assertThatThrownBy(() -> TestLibraries.open(dir)).isInstanceOf(LibraryLockedException.class)
                    .hasMessageContaining("already open").hasMessageContaining("this process");
            assertThat(library.activeJobs()).isEmpty();
        }
        try (Library again = TestLibraries.open(dir)) {
            assertThat(again.history(1)).isEmpty();
        }
    }

    @Test
    void a_write_blocked_by_another_program_fails_clearly_and_loses_nothing() throws Exception {
        try (Library library = TestLibraries.builder(dir).busyTimeout(Duration.ofMillis(200)).autoStart(false)
                .open()) {
            String first = library.dispatch(new CountJob(5, 1, 0, null)).id();
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                    Statement st = other.createStatement()) {
                st.execute("BEGIN EXCLUSIVE");
                assertThatThrownBy(() -> library.dispatch(new CountJob(6, 1, 0, null)))
                        .isInstanceOf(StorageException.class).hasMessageContaining("locked");
                st.execute("ROLLBACK");
            }
            String second = library.dispatch(new CountJob(7, 1, 0, null)).id();
            assertThat(library.activeJobs()).extracting(i -> i.id()).containsExactly(first, second);
            library.start();
            assertThat(library.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(library.history(10)).hasSize(2);
        }
    }

    @Test
    void several_libraries_run_independently_and_closing_one_leaves_the_others() throws Exception {
        try (Library a = TestLibraries.open(dir.resolve("a")); Library b = TestLibraries.open(dir.resolve("b"))) {
            JobHandle<CountJob.Result> inA = a.dispatch(new CountJob(100_000, 10_000, 2, null));
            JobHandle<CountJob.Result> inB = b.dispatch(new CountJob(50, 10, 0, null));
            assertThat(inB.result().get(10, TimeUnit.SECONDS).sum()).isEqualTo(1275);
            a.close();
            assertThatThrownBy(() -> inA.result().get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(LibraryClosedException.class);
            assertThatThrownBy(a::activeJobs).isInstanceOf(LibraryClosedException.class);
            JobHandle<CountJob.Result> more = b.dispatch(new CountJob(10, 10, 0, null));
            assertThat(more.result().get(10, TimeUnit.SECONDS).sum()).isEqualTo(55);
            assertThat(b.history(10)).hasSize(2);
        }
        try (Library a = TestLibraries.builder(dir.resolve("a")).autoStart(false).open()) {
            assertThat(a.activeJobs()).singleElement().extracting(i -> i.stopReason()).isEqualTo(StopReason.SHUTDOWN);
        }
    }
}
