package dev.stint.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.Library;
import dev.stint.jobs.CountJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second Stint process opening a library this process holds gets "already open", naming the owner. */
class SecondProcessTest {
    @TempDir
    Path dir;

    @Test
    void a_second_process_is_told_the_library_is_in_use_and_by_whom() throws Exception {
        try (Library library = Libraries.open(dir)) {
            library.dispatch(new CountJob(3, 1, 0, null)).result().get(10, TimeUnit.SECONDS);
            String answer = runChild(dir);
            assertThat(answer).startsWith("LOCKED ").contains("already open")
                    .contains("by process " + ProcessHandle.current().pid());
            assertThat(library.history(10)).as("the owner is undisturbed").hasSize(1);
        }
        assertThat(runChild(dir)).as("once closed, the other process opens it").isEqualTo("OPENED 0");
    }

    @Test
    void a_second_process_is_refused_a_library_whose_database_lives_in_a_database_folder() throws Exception {
        Path library = dir.resolve("library");
        Path database = dir.resolve("database");
        try (Library owner = Libraries.builder(library).databaseFolder(database).open()) {
            owner.dispatch(new CountJob(3, 1, 0, null)).result().get(10, TimeUnit.SECONDS);
            assertThat(runChild(library, database.toString())).startsWith("LOCKED ").contains("already open")
                    .contains("by process " + ProcessHandle.current().pid())
                    .contains("for library " + library.toAbsolutePath());
            assertThat(owner.history(10)).as("the owner is undisturbed").hasSize(1);
        }
        assertThat(runChild(library, database.toString())).isEqualTo("OPENED 0");
    }

    private static String runChild(Path library, String... databaseFolder) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                OpenAttemptChild.class.getName(), library.toString()));
        command.addAll(List.of(databaseFolder));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
            return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } finally {
            child.destroyForcibly();
        }
    }
}
