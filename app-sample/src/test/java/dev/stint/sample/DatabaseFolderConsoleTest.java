package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console finds a library whose {@code jobs.db} lives in a database folder of its own. */
class DatabaseFolderConsoleTest {
    private static final String COUNT = "{\"to\": 10, \"checkpointEvery\": 5, \"sleepMillis\": 0}";

    @TempDir
    Path temp;

    @Test
    void theDatabaseFolderOptionWorksBeforeOrAfterTheCommandAndKeepsJobsDbOutOfTheLibraryFolder() {
        Path library = temp.resolve("library");
        Path database = temp.resolve("database");

        Cli.Result dispatched = Cli.runRaw(Map.of(), "--database-folder", database.toString(), "--library",
                library.toString(), "dispatch", "demo.count", COUNT);
        assertThat(dispatched.exitCode()).as("stderr: %s", dispatched.err()).isZero();
        String id = dispatched.out().strip();
        Cli.Result run = Cli.runRaw(Map.of(), "run", "--library", library.toString(), "--database-folder="
                + database);
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        Cli.Result listed = Cli.runRaw(Map.of("STINT_DATABASE_FOLDER", database.toString()), "list", "--json",
                "--library", library.toString());

        assertThat(listed.exitCode()).as("stderr: %s", listed.err()).isZero();
        assertThat(listed.out()).contains(id).contains("\"completed\"");
        assertThat(database.resolve("jobs.db")).isNotEmptyFile();
        assertThat(library.resolve("jobs.db")).doesNotExist();
    }

    @Test
    void aLibraryWhoseDatabaseLivesElsewhereIsRefusedWithoutTheOptionAndSaysWhere() {
        Path library = temp.resolve("library");
        Path database = temp.resolve("database");
        assertThat(Cli.runRaw(Map.of(), "dispatch", "demo.count", COUNT, "--library", library.toString(),
                "--database-folder", database.toString()).exitCode()).isZero();

        Cli.Result refused = Cli.runRaw(Map.of(), "list", "--library", library.toString());

        assertThat(refused.exitCode()).isEqualTo(Main.EXIT_JOB_ERROR);
        assertThat(refused.err()).startsWith("stint: ").contains("its database lives in " + database.toAbsolutePath())
                .contains("databaseFolder").doesNotContain("\tat ");
        assertThat(library.resolve("jobs.db")).doesNotExist();
    }

    @Test
    void theGuiCommandDoesNotTakeTheOption() {
        Cli.Result r = Cli.runRaw(Map.of(), "gui", "--database-folder", temp.toString());

        assertThat(r.exitCode()).isEqualTo(64);
        assertThat(r.err()).contains("'gui' does not take --database-folder");
    }
}
