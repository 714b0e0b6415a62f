package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stint.DamagedLibraryException;
import dev.stint.JobHandle;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.LibraryLockedException;
import dev.stint.NetworkFileSystemException;
import dev.stint.WrongDatabaseFolderException;
import dev.stint.internal.exec.EngineSettingsProbe;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.LoggingJob;
import dev.stint.jobs.SlowJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code jobs.db} lives: refused on a network file system (the share is a stand-in file-system type for a
 * real temporary folder), and kept in a local database folder apart from the library folder.
 */
class DatabaseFolderTest {
    @TempDir
    Path root;

    private Path share() {
        return root.resolve("share");
    }

    private Path library() {
        return share().resolve("photos");
    }

    private Path local() {
        return root.resolve("local/photos-db");
    }

    /** Folders under {@link #share()} report an SMB mount's type; the rest a local disk's. */
    private final Function<Path, String> types = folder -> folder.toAbsolutePath().normalize()
            .startsWith(share().toAbsolutePath().normalize()) ? "cifs" : "ext4";

    private Library.Builder onShare() {
        return EngineSettingsProbe.withFileStoreTypes(TestLibraries.builder(library()), types);
    }

    private Library.Builder withLocalDatabase() {
        return onShare().databaseFolder(local());
    }

    @Test
    void a_library_whose_database_would_live_on_a_network_share_is_refused_and_nothing_is_written() {
        assertThatThrownBy(() -> onShare().open()).isInstanceOf(NetworkFileSystemException.class)
                .hasMessageContaining("network file system (cifs)")
                .hasMessageContaining("shared memory and reliable file locks")
                .hasMessageContaining("databaseFolder")
                .satisfies(e -> assertThat(((NetworkFileSystemException) e).folder()).isEqualTo(library()));

        assertThat(library().resolve("jobs.db")).doesNotExist();
        assertThat(library().resolve("jobs.db.lock")).doesNotExist();
    }

    @Test
    void a_database_folder_on_a_share_is_refused_too() {
        Path elsewhereOnShare = share().resolve("db");

        assertThatThrownBy(() -> onShare().databaseFolder(elsewhereOnShare).open())
                .isInstanceOf(NetworkFileSystemException.class)
                .satisfies(e -> assertThat(((NetworkFileSystemException) e).folder()).isEqualTo(elsewhereOnShare));
    }

    @Test
    void a_library_on_a_share_runs_closes_reopens_and_resumes_with_its_database_in_a_local_folder() throws Exception {
        SlowJob.prepare("netfs");
        String paused;
        try (Library library = withLocalDatabase().jobLogFiles(64 * 1024).open()) {
            assertThat(library.dir()).isEqualTo(library());
            assertThat(library.dispatch(new CountJob(100, 10, 0, null)).result().get(10, TimeUnit.SECONDS).sum())
                    .isEqualTo(5050);
            String logged = library.dispatch(new LoggingJob()).id();
            assertThat(library.handle(logged).orElseThrow().result().get(10, TimeUnit.SECONDS)).isNull();
            assertThat(library.jobLogFile(logged)).hasValueSatisfying(
                    file -> assertThat(file).startsWith(library().resolve("logs")).exists());

            JobHandle<Integer> slow = library.dispatch(new SlowJob("netfs", 3));
            assertThat(SlowJob.awaitReached("netfs")).isTrue();
            slow.pause();
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.status() == JobStatus.PAUSED);
            paused = slow.id();

            assertThatThrownBy(() -> withLocalDatabase().open()).isInstanceOf(LibraryLockedException.class)
                    .hasMessageContaining(library().toString());
            assertThatThrownBy(() -> EngineSettingsProbe.withFileStoreTypes(TestLibraries.builder(library()),
                    folder -> "ext4").open()).isInstanceOf(WrongDatabaseFolderException.class);
        }

        assertThat(local().resolve("jobs.db")).isNotEmptyFile();
        assertThat(local().resolve("jobs.db.lock")).exists();
        assertThat(local().resolve("jobs.db.library")).content().contains(library().toAbsolutePath().toString());
        assertThat(library().resolve("jobs.db.location")).content().contains(local().toAbsolutePath().toString());
        try (var files = Files.list(library())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("logs",
                    "jobs.db.location");
        }

        try (Library library = withLocalDatabase().open()) {
            assertThat(library.history(10)).hasSize(2);
            assertThat(library.job(paused).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
            SlowJob.open("netfs");
            library.resume(paused);
            assertThat(library.handle(paused, Integer.class).orElseThrow().result().get(10, TimeUnit.SECONDS))
                    .isEqualTo(3);
            assertThat(library.job(paused).orElseThrow().runCount()).isEqualTo(2);
        }
        assertThat(library().resolve("jobs.db")).doesNotExist();
    }

    @Test
    void two_libraries_given_the_same_database_folder_are_refused() {
        String id;
        try (Library first = withLocalDatabase().open()) {
            id = first.dispatch(new CountJob(3, 1, 0, null)).id();
        }
        Path other = share().resolve("music");

        assertThatThrownBy(() -> EngineSettingsProbe.withFileStoreTypes(TestLibraries.builder(other), types)
                .databaseFolder(local()).open())
                .isInstanceOf(WrongDatabaseFolderException.class)
                .hasMessageContaining("holds the database of library " + library().toAbsolutePath())
                .hasMessageContaining("a database folder of its own");
        assertThat(other.resolve("jobs.db.location")).doesNotExist();
        try (Library first = withLocalDatabase().open()) {
            assertThat(first.job(id)).isPresent();
        }
    }

    @Test
    void a_database_folder_that_held_a_library_of_its_own_is_refused() {
        Path ownLibrary = root.resolve("local/plain");
        try (Library plain = TestLibraries.open(ownLibrary)) {
            plain.dispatch(new CountJob(3, 1, 0, null));
        }

        assertThatThrownBy(() -> onShare().databaseFolder(ownLibrary).open())
                .isInstanceOf(WrongDatabaseFolderException.class)
                .hasMessageContaining("library's database of its own");
    }

    @Test
    void a_library_paired_with_a_database_folder_is_refused_with_another_empty_one() {
        try (Library library = withLocalDatabase().open()) {
            library.dispatch(new CountJob(3, 1, 0, null));
        }

        assertThatThrownBy(() -> onShare().databaseFolder(root.resolve("local/other")).open())
                .isInstanceOf(WrongDatabaseFolderException.class)
                .hasMessageContaining("its database lives in " + local().toAbsolutePath());
        assertThat(root.resolve("local/other/jobs.db")).doesNotExist();
    }

    @Test
    void a_database_that_vanished_from_its_database_folder_is_refused_as_lost() throws Exception {
        try (Library library = withLocalDatabase().open()) {
            library.dispatch(new CountJob(3, 1, 0, null));
        }
        for (String name : new String[] {"jobs.db", "jobs.db-wal", "jobs.db-shm", "jobs.db.lock", "jobs.db.library"}) {
            Files.deleteIfExists(local().resolve(name));
        }

        assertThatThrownBy(() -> withLocalDatabase().open()).isInstanceOf(DamagedLibraryException.class)
                .hasMessageContaining("the file is missing but the folder already held a library")
                .hasMessageContaining("jobs.db.location");
        assertThat(local().resolve("jobs.db")).doesNotExist();
    }

    @Test
    void a_library_folder_holding_its_own_database_is_refused_until_the_database_is_moved() throws Exception {
        Path plain = root.resolve("plain");
        try (Library library = TestLibraries.builder(plain).autoStart(false).open()) {
            library.dispatch(new CountJob(3, 1, 0, null)); // stays queued: the moved database must still hold it
        }
        Path databaseFolder = root.resolve("plain-db");

        assertThatThrownBy(() -> TestLibraries.builder(plain).databaseFolder(databaseFolder).open())
                .isInstanceOf(WrongDatabaseFolderException.class)
                .hasMessageContaining("still holds its own jobs.db")
                .hasMessageContaining("move jobs.db (and jobs.db-wal, if there is one) into");

        Files.move(plain.resolve("jobs.db"), databaseFolder.resolve("jobs.db"));
        Files.deleteIfExists(plain.resolve("jobs.db-wal"));
        try (Library library = TestLibraries.builder(plain).databaseFolder(databaseFolder).autoStart(false).open()) {
            assertThat(library.activeJobs()).hasSize(1);
        }
        assertThat(databaseFolder.resolve("jobs.db.library")).exists();
    }

    @Test
    void the_library_folder_itself_as_database_folder_is_the_default_layout() {
        Path plain = root.resolve("plain");
        try (Library library = TestLibraries.builder(plain).databaseFolder(plain).open()) {
            library.dispatch(new CountJob(3, 1, 0, null));
        }
        assertThat(plain.resolve("jobs.db")).isNotEmptyFile();
        assertThat(plain.resolve("jobs.db.location")).doesNotExist();
        assertThat(plain.resolve("jobs.db.library")).doesNotExist();
    }

    @Test
    void a_null_database_folder_is_rejected_at_once() {
        assertThatThrownBy(() -> TestLibraries.builder(root).databaseFolder(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("folder");
    }
}
