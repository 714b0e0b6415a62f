package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo jobs, dispatched and run through the console on a real library folder. */
class DemoJobsTest {
    @TempDir
    Path temp;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(temp.resolve("library"));
    }

    @Test
    void countCompletesWithItsSumAndPrintsProgress() {
        String id = cli.dispatch("demo.count", "{\"to\": 100, \"checkpointEvery\": 10, \"sleepMillis\": 1}");

        Cli.Result run = cli.runUntilIdle();

        assertThat(run.out()).contains(id + " demo.count running").contains(id + " demo.count running 100/100")
                .contains(id + " demo.count completed");
        JsonNode job = cli.job(id);
        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(job.path("output").path("sum").asLong()).isEqualTo(5050);
        assertThat(job.path("output").path("resumedFrom").asLong()).isZero();
        assertThat(job.path("error").isNull()).isTrue();
        assertThat(job.path("runCount").asInt()).isEqualTo(1);
        assertThat(job.path("checkpoints").asInt()).isGreaterThanOrEqualTo(10);
        assertThat(job.path("progress").path("kind").asText()).isEqualTo("count");
        assertThat(job.path("progress").path("done").asLong()).isEqualTo(100);
        assertThat(job.path("finishedAt").asLong()).isGreaterThanOrEqualTo(job.path("startedAt").asLong());
    }

    @Test
    void runWithNothingToDoReturnsAtOnce() {
        Cli.Result run = cli.runUntilIdle();

        assertThat(run.out()).isEmpty();
    }

    @Test
    void pausedJobsAreNotRunAndDoNotBlockRun() {
        String paused = cli.dispatch("demo.count", "{\"to\": 5}");
        String other = cli.dispatch("demo.count", "{\"to\": 5}");
        assertThat(cli.run("pause", paused).exitCode()).isZero();

        assertThat(cli.run("run", "--concurrency", "1").exitCode()).isZero();

        assertThat(cli.job(paused).path("status").asText()).isEqualTo("paused");
        assertThat(cli.job(other).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void hashGivesTheSha256OfEveryFile() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("files"));
        Files.createDirectories(folder.resolve("sub/deeper"));
        Random random = new Random(42);
        Map<String, byte[]> contents = new LinkedHashMap<>();
        contents.put("a.txt", "hello\n".getBytes());
        contents.put("empty", new byte[0]);
        contents.put("sub/big.bin", randomBytes(random, 200_000));
        contents.put("sub/deeper/c.bin", randomBytes(random, 65_536));
        for (Map.Entry<String, byte[]> e : contents.entrySet()) {
            Files.write(folder.resolve(e.getKey()), e.getValue());
        }
        String id = cli.dispatch("demo.hash", "{\"folder\": " + jsonString(folder.toString()) + ", \"checkpointEvery\": 2}");

        Cli.Result run = cli.runUntilIdle();

        assertThat(run.out()).contains(id + " demo.hash completed");
        JsonNode job = cli.job(id);
        assertThat(job.path("status").asText()).as("job: %s", job).isEqualTo("completed");
        JsonNode output = job.path("output");
        long total = contents.values().stream().mapToLong(b -> b.length).sum();
        assertThat(output.path("files").asInt()).isEqualTo(4);
        assertThat(output.path("bytes").asLong()).isEqualTo(total);
        Map<String, String> digests = new LinkedHashMap<>();
        output.path("digests").fields().forEachRemaining(e -> digests.put(e.getKey(), e.getValue().asText()));
        Map<String, String> expected = new LinkedHashMap<>();
        contents.forEach((name, bytes) -> expected.put(name, sha256(bytes)));
        assertThat(digests).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(List.copyOf(digests.keySet())).isSorted();
        assertThat(job.path("progress").path("kind").asText()).isEqualTo("bytes");
        assertThat(job.path("progress").path("done").asLong()).isEqualTo(total);
        assertThat(job.path("progress").path("total").asLong()).isEqualTo(total);
        assertThat(job.path("nonCriticalErrors")).isEmpty();
    }

    @Test
    void hashOfAMissingFolderFails() {
        String id = cli.dispatch("demo.hash", "{\"folder\": " + jsonString(temp.resolve("nope").toString()) + "}");

        cli.runUntilIdle();

        JsonNode job = cli.job(id);
        assertThat(job.path("status").asText()).isEqualTo("failed");
        assertThat(job.path("error").path("message").asText()).contains("not a folder");
    }

    @Test
    void phasedGoesThroughItsThreePhases() {
        String id = cli.dispatch("demo.phased", "{\"items\": 25, \"sleepMillis\": 1}");

        Cli.Result run = cli.runUntilIdle();

        assertThat(run.out()).contains(id + " demo.phased completed");
        JsonNode job = cli.job(id);
        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(job.path("output").path("processed").asLong()).isEqualTo(25);
        assertThat(job.path("output").path("phases")).extracting(JsonNode::asText)
                .containsExactly("discover", "process", "report");
        // two phase changes and checkpoints at 10 and 20 processed items
        assertThat(job.path("checkpoints").asInt()).isEqualTo(4);
        assertThat(job.path("progress").path("kind").asText()).isEqualTo("phase");
        assertThat(job.path("progress").path("name").asText()).isEqualTo("report");
        assertThat(job.path("progress").path("data").path("done").asLong()).isEqualTo(1);
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
