package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stint.Library;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's store-and-query commands and their errors, on a real library folder. */
class ConsoleCommandsTest {
    private static final String SLOW_COUNT = "{\"to\": 10, \"checkpointEvery\": 5, \"sleepMillis\": 0}";

    @TempDir
    Path temp;
    Path dir;
    Cli cli;

    @BeforeEach
    void setUp() {
        dir = temp.resolve("library");
        cli = new Cli(dir);
    }

    @Test
    void dispatchPrintsOnlyTheIdAndStoresAQueuedJob() {
        Cli.Result r = cli.run("dispatch", "demo.count", SLOW_COUNT);

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\R");
        JsonNode job = cli.job(r.out().strip());
        assertThat(job.path("name").asText()).isEqualTo("demo.count");
        assertThat(job.path("status").asText()).isEqualTo("queued");
        assertThat(job.path("output").isNull()).isTrue();
        assertThat(job.path("error").isNull()).isTrue();
        assertThat(job.path("runCount").asInt()).isZero();
        assertThat(job.path("createdAt").isNumber()).isTrue();
        assertThat(job.path("startedAt").isNull()).isTrue();
    }

    @Test
    void unknownJobNameFailsWithExitCode2AndStoresNothing() {
        Cli.Result r = cli.run("dispatch", "demo.nope", "{}");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("stint: ").contains("unknown job type 'demo.nope'").doesNotContain("\tat ");
        assertThat(cli.listJson()).isEmpty();
    }

    @Test
    void invalidJsonFailsWithExitCode2AndStoresNothing() {
        Cli.Result malformed = cli.run("dispatch", "demo.count", "{\"to\": ");
        Cli.Result unknownField = cli.run("dispatch", "demo.count", "{\"tooo\": 5}");

        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("stint: invalid arguments for job 'demo.count'").doesNotContain("\tat ");
        assertThat(unknownField.exitCode()).isEqualTo(2);
        assertThat(unknownField.err()).contains("tooo");
        assertThat(cli.listJson()).isEmpty();
    }

    @Test
    void pauseResumeAndCancelQueuedJobs() {
        String first = cli.dispatch("demo.count", SLOW_COUNT);
        String second = cli.dispatch("demo.count", SLOW_COUNT);

        Cli.Result paused = cli.run("pause", first);
        assertThat(paused.exitCode()).isZero();
        assertThat(paused.out()).contains(first).contains("paused");
        assertThat(cli.job(first).path("status").asText()).isEqualTo("paused");

        Cli.Result cancelled = cli.run("cancel", second);
        assertThat(cancelled.exitCode()).isZero();
        JsonNode job = cli.job(second);
        assertThat(job.path("status").asText()).isEqualTo("cancelled");
        assertThat(job.path("error").path("type").asText()).isEqualTo("cancelled");
        assertThat(job.path("finishedAt").isNumber()).isTrue();

        Cli.Result resumed = cli.run("resume", first);
        assertThat(resumed.exitCode()).isZero();
        assertThat(cli.job(first).path("status").asText()).isEqualTo("queued");

        Cli.Result again = cli.run("cancel", second);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).startsWith("stint: ").contains(second).contains("cancelled");
    }

    @Test
    void retryDispatchesACancelledJobAgainAndRefusesAnActiveOne() {
        String cancelled = cli.dispatch("demo.count", SLOW_COUNT);
        String active = cli.dispatch("demo.count", SLOW_COUNT);
        assertThat(cli.run("cancel", cancelled).exitCode()).isZero();

        Cli.Result retried = cli.run("retry", cancelled);
        assertThat(retried.exitCode()).isZero();
        String newId = retried.out().strip();
        assertThat(newId).isNotEqualTo(cancelled).doesNotContain(" ");
        JsonNode job = cli.job(newId);
        assertThat(job.path("name").asText()).isEqualTo("demo.count");
        assertThat(job.path("status").asText()).isEqualTo("queued");
        assertThat(job.path("retryOf").asText()).isEqualTo(cancelled);
        assertThat(cli.job(cancelled).path("status").asText()).isEqualTo("cancelled");
        assertThat(cli.job(cancelled).path("retryOf").isNull()).isTrue();

        Cli.Result refused = cli.run("retry", active);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).startsWith("stint: ").contains(active).contains("only failed and cancelled");
        assertThat(cli.run("help", "retry").out()).startsWith("usage: stint retry ID");
    }

    @Test
    void unknownIdFailsWithExitCode2() {
        Cli.Result r = cli.run("pause", "no-such-id");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("stint: no job with id no-such-id" + System.lineSeparator());
    }

    @Test
    void aLibraryOpenElsewhereFailsWithExitCode3() {
        try (Library open = Library.builder(dir).open()) {
            Cli.Result list = cli.run("list");
            Cli.Result dispatch = cli.run("dispatch", "demo.count", SLOW_COUNT);

            assertThat(list.exitCode()).isEqualTo(3);
            assertThat(list.err()).startsWith("stint: library ").contains("is already open").doesNotContain("\tat ");
            assertThat(dispatch.exitCode()).isEqualTo(3);
            assertThat(open.activeJobs()).isEmpty();
        }
    }

    @Test
    void listPrintsATable() {
        String id = cli.dispatch("demo.count", SLOW_COUNT);

        Cli.Result r = cli.run("list");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines()).hasSize(2);
        assertThat(r.firstLine()).startsWith("ID").contains("NAME", "STATUS", "PROGRESS");
        assertThat(r.out()).contains(id + "  demo.count  queued");
    }

    @Test
    void usageErrorsExitWith64() {
        assertThat(Cli.runRaw(Map.of()).exitCode()).isEqualTo(64);
        assertThat(cli.run("frobnicate").exitCode()).isEqualTo(64);
        assertThat(cli.run("list", "--color").exitCode()).isEqualTo(64);
        assertThat(cli.run("pause").exitCode()).isEqualTo(64);
        assertThat(cli.run("run", "--concurrency", "0").exitCode()).isEqualTo(64);
        assertThat(cli.run("list", "--concurrency", "2").exitCode()).isEqualTo(64);

        Cli.Result noLibrary = Cli.runRaw(Map.of(), "list");
        assertThat(noLibrary.exitCode()).isEqualTo(64);
        assertThat(noLibrary.err()).startsWith("stint: missing --library DIR").contains("usage: stint");
    }

    @Test
    void helpPrintsUsageOnStdout() {
        Cli.Result r = Cli.runRaw(Map.of(), "help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("usage: stint").contains("dispatch NAME [JSON]");
    }

    @Test
    void theLibraryCanComeFromTheEnvironment() {
        Map<String, String> env = Map.of("STINT_LIBRARY", dir.toString());

        Cli.Result dispatched = Cli.runRaw(env, "dispatch", "demo.count", SLOW_COUNT);
        Cli.Result listed = Cli.runRaw(env, "list", "--json");

        assertThat(dispatched.exitCode()).isZero();
        assertThat(listed.out()).contains(dispatched.out().strip());
    }
}
