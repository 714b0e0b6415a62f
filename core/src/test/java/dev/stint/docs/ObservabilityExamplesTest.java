package dev.stint.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.DispatchOptions;
import dev.stint.Library;
import dev.stint.LibraryMetrics;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.TestCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples of docs/observability.md, compiled and run; the last test checks that the guide shows the
 * code between the markers below, line for line (indentation aside).
 */
class ObservabilityExamplesTest {
    private static final Path GUIDE = Path.of("..", "docs", "observability.md");

    @TempDir
    Path folder;

    private static Library open(Path dir) {
        return Library.builder(dir).catalog(TestCatalog.all()).useServiceLoader(false).queue("io", 1)
                .powerSafe(false).open();
    }

    private static void runTheWork(Library library) throws Exception {
        library.dispatch(new CountJob(4, 2, 0, null)).result().get();
        // a run's event and counters are recorded as its thread ends, just after its result is settled
        library.awaitIdle(Duration.ofSeconds(30));
    }

    @Test
    void recording_example() throws Exception {
        try (Library library = open(folder.resolve("library"))) {
            // --- recording example: begin ---
            Path file = folder.resolve("stint.jfr");
            try (Recording recording = new Recording()) {
                recording.enable("dev.stint.JobRun");
                recording.enable("dev.stint.Checkpoint").withThreshold(Duration.ofMillis(10));
                recording.start();
                runTheWork(library);
                recording.stop();
                recording.dump(file);
            }
            List<String> runs = new ArrayList<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (event.getEventType().getName().equals("dev.stint.JobRun")) {
                    runs.add(event.getString("jobName") + " " + event.getString("outcome"));
                }
            }
            // --- recording example: end ---
            assertThat(runs).containsExactly("test.count completed");
        }
    }

    @Test
    void metrics_example() throws Exception {
        try (Library library = open(folder.resolve("library"))) {
            runTheWork(library);
            library.pauseQueue("io");
            library.dispatch(new CountJob(1, 0, 0, null), DispatchOptions.defaults().withQueue("io"));
            // --- metrics example: begin ---
            LibraryMetrics m = library.metrics();
            String line = "%d running, %d queued; since %s: %d completed, %d failed, %d retried".formatted(
                    m.running(), m.queued(), m.openedAt(), m.completed(), m.failed(), m.retried());
            long slowCheckpoints = m.checkpointLatency().buckets().stream()
                    .filter(bucket -> bucket.upperBound() > 10) // milliseconds
                    .mapToLong(LibraryMetrics.Histogram.Bucket::count)
                    .sum();
            int waitingForIo = m.queues().get("io").queued();
            // --- metrics example: end ---
            assertThat(line).startsWith("0 running, 1 queued; since ").endsWith(": 1 completed, 0 failed, 0 retried");
            assertThat(slowCheckpoints).isBetween(0L, 2L);
            assertThat(m.checkpointLatency().count()).isEqualTo(2);
            assertThat(waitingForIo).isEqualTo(1);
        }
    }

    @Test
    void the_guide_shows_these_examples() throws Exception {
        String guide = normalized(Files.readString(GUIDE, StandardCharsets.UTF_8));
        String source = Files.readString(Path.of("src", "test", "java", "dev", "stint", "docs",
                "ObservabilityExamplesTest.java"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("// --- (\\w+) example: begin ---\\n(.*?)\\n\\s*// --- \\1 example: end ---",
                Pattern.DOTALL).matcher(source);
        int found = 0;
        while (m.find()) {
            found++;
            assertThat(guide).as("the %s example in docs/observability.md", m.group(1)).contains(normalized(m.group(2)));
        }
        assertThat(found).isEqualTo(2);
    }

    /** Each line without its leading spaces. */
    private static String normalized(String text) {
        return text.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
