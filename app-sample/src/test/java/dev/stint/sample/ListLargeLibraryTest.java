package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.Library;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code list} and {@code list --json} on a library with 200,000 jobs in history (and 2,000 active ones among
 * them) in a child JVM with a 64 MiB heap: every job, once, in dispatch order, exit 0. Holding them all at
 * once took more than 256 MiB.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ListLargeLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;
    private static Path library;
    private static BigLibrary.Filled filled;
    private Process child;

    @BeforeAll
    static void fill() throws Exception {
        library = temp.resolve("library");
        Library.builder(library).useServiceLoader(false).autoStart(false).open().close();
        filled = BigLibrary.fill(library, "demo.count", 200_000, 2_000);
    }

    @AfterEach
    void killChild() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    @Test
    void listJsonStreamsEveryJobInDispatchOrderIn64MiB() throws Exception {
        Path stderr = temp.resolve("json-stderr.txt");
        child = start(stderr, "list", "--json", "--library", library.toString());
        long count = 0;
        String first = null;
        String last = null;
        long lastCreatedAt = Long.MIN_VALUE;
        try (InputStream in = child.getInputStream(); JsonParser parser = JSON.createParser(in)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode job = JSON.readTree(parser);
                String id = job.path("id").asText();
                long createdAt = job.path("createdAt").asLong();
                // dispatch order: creation time, then id
                assertThat(createdAt > lastCreatedAt || createdAt == lastCreatedAt && id.compareTo(last) > 0)
                        .as("%s (%s) after %s (%s)", id, createdAt, last, lastCreatedAt).isTrue();
                assertThat(job.path("name").asText()).isEqualTo("demo.count");
                first = first == null ? id : first;
                last = id;
                lastCreatedAt = createdAt;
                count++;
            }
            assertThat(parser.currentToken()).isEqualTo(JsonToken.END_ARRAY);
            assertThat(parser.nextToken()).as("one array, nothing after it").isNull();
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("exit code; stderr: %s", Files.readString(stderr)).isZero();
        assertThat(count).isEqualTo(filled.total());
        assertThat(first).isEqualTo(filled.firstId());
        assertThat(last).isEqualTo(filled.lastId());
    }

    @Test
    void listPrintsEveryJobInOneTableIn64MiB() throws Exception {
        Path stderr = temp.resolve("table-stderr.txt");
        child = start(stderr, "list", "--library", library.toString());
        long rows = 0;
        String first = null;
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String header = out.readLine();
            assertThat(header).startsWith("ID ").contains("NAME", "STATUS", "PROGRESS", "RUNS", "RESULT");
            int nameColumn = header.indexOf("NAME");
            String line;
            while ((line = out.readLine()) != null) {
                // one layout for the whole table: every name starts under NAME
                assertThat(line.indexOf("demo.count")).as(line).isEqualTo(nameColumn);
                String id = line.substring(0, line.indexOf(' '));
                // these ids begin with their creation time (as the engine's do): dispatch order is id order
                assertThat(id).as("after %s", last).isGreaterThan(last);
                first = first == null ? id : first;
                last = id;
                rows++;
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("exit code; stderr: %s", Files.readString(stderr)).isZero();
        assertThat(rows).isEqualTo(filled.total());
        assertThat(first).isEqualTo(filled.firstId());
        assertThat(last).isEqualTo(filled.lastId());
    }

    private static Process start(Path stderr, String... args) throws IOException {
        return new ProcessBuilder(command(args)).redirectError(stderr.toFile()).start();
    }

    /** The console in a child JVM with a 64 MiB heap. */
    private static List<String> command(String... args) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
