package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** demo.steps through the console: the step log and the output. */
class StepsConsoleTest {
    @TempDir
    Path temp;

    @Test
    void demo_steps_runs_each_step_once_and_logs_it() throws Exception {
        Path library = temp.resolve("library");
        Cli cli = new Cli(library);
        String id = cli.dispatch("demo.steps", "{\"steps\": 4, \"sleepMillis\": 1}");
        cli.runUntilIdle();
        JsonNode job = cli.job(id);
        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(job.path("output").path("completedSteps").asInt()).isEqualTo(4);
        assertThat(Files.readAllLines(library.resolve("steps.log"))).containsExactly("s1", "s2", "s3", "s4");
    }

    @Test
    void demo_tree_spawns_counting_children_and_lists_them_with_their_parent() {
        Path library = temp.resolve("tree");
        Cli cli = new Cli(library);
        String id = cli.dispatch("demo.tree", "{\"children\": 3, \"childTo\": 20}");
        cli.runUntilIdle();
        JsonNode tree = cli.job(id);
        assertThat(tree.path("status").asText()).isEqualTo("completed");
        assertThat(tree.path("output").path("childSums").toString()).isEqualTo("[210,210,210]");
        int children = 0;
        for (JsonNode job : cli.listJson()) {
            if (id.equals(job.path("parentId").asText(null))) {
                children++;
                assertThat(job.path("name").asText()).isEqualTo("demo.count");
                assertThat(job.path("status").asText()).isEqualTo("completed");
            }
        }
        assertThat(children).isEqualTo(3);
    }
}
