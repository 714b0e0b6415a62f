package dev.stint.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.ErrorRecord;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log flood: a module that calls {@code log} 20,000 times with 8 KiB messages wrote 489 MB to the
 * console's standard error in 5 s. Its lines now go through the job's log and its budget (the default: 1,000
 * lines per run, 500 at once then 100 a second): standard error (where the tests' slf4j-simple writes) gets a
 * bounded amount, the drop is counted and reported, and a good job beside it completes.
 */
class LogFloodTest {
    private static final Pattern DROPPED = Pattern.compile("^(\\d+) log messages dropped \\(.*\\)$");

    @TempDir
    Path dir;

    /** Counts what is written to it and keeps the lines that name the flood job or report its drops. */
    private static final class Capture extends OutputStream {
        long bytes;
        final List<String> kept = new CopyOnWriteArrayList<>();
        private final StringBuilder line = new StringBuilder();

        @Override
        public synchronized void write(int b) {
            bytes++;
            if (b == '\n') {
                String l = line.toString();
                if (l.contains("test-log:logflood") || l.contains("log messages dropped") || l.contains("log budget")) {
                    kept.add(l.length() > 300 ? l.substring(0, 300) + " ...(" + l.length() + ")" : l);
                }
                line.setLength(0);
            } else if (line.length() < 400) {
                line.append((char) b);
            }
        }
    }

    @Test
    void a_module_logging_20000_lines_of_8_KiB_writes_a_bounded_amount_and_reports_the_drop() throws Exception {
        Plugins.install(dir, "log", Plugins.descriptor("test-log", "logflood"), "logflood");
        WasmExtensions extensions = WasmExtensions.discover(dir);
        assertThat(extensions.problems()).isEmpty();

        Capture capture = new Capture();
        PrintStream original = System.err;
        System.setErr(new PrintStream(capture, true, StandardCharsets.UTF_8));
        JobInfo flood;
        try (Library library = Plugins.open(dir, extensions)) {
            JobHandle<Object> good = library.dispatch("demo-wasm:count", "{\"to\": 300, \"checkpointEvery\": 30, \"spin\": 500}");
            JobHandle<Object> hostile = library.dispatch("test-log:logflood", "{}");
            hostile.result().get(120, TimeUnit.SECONDS);
            assertThat(good.result().get(60, TimeUnit.SECONDS)).isEqualTo(Map.of("sum", 45150, "resumedFrom", 0));
            assertThat(library.awaitIdle(Duration.ofSeconds(60))).isTrue();
            flood = library.job(hostile.id()).orElseThrow();
        } finally {
            System.setErr(original);
        }

        assertThat(flood.status()).isEqualTo(JobStatus.COMPLETED);
        List<String> lines = capture.kept.stream().filter(l -> l.contains("[test-log:logflood ")).toList();
        long passed = lines.size();
        // at most the run cap of 1,000 lines of 8 KiB (plus their prefixes): about 8 MiB, not 489 MB
        assertThat(passed).isBetween(500L, 1000L);
        assertThat(capture.bytes).isLessThan(1000L * (8192 + 300) + 64 * 1024);
        // the escape character is shown as U+FFFD by the module's text rules, never written raw
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("\u001b"));
        List<Long> dropped = flood.nonCriticalErrors().stream().map(ErrorRecord::message).map(DROPPED::matcher)
                .filter(Matcher::matches).map(m -> Long.parseLong(m.group(1))).toList();
        assertThat(dropped).hasSize(1);
        assertThat(passed + dropped.get(0)).isEqualTo(20_000);
        assertThat(capture.kept).anySatisfy(l -> assertThat(l).contains(dropped.get(0) + " log messages dropped"));
        original.printf("log flood: %d lines let through, %d dropped, %d bytes on standard error%n", passed,
                dropped.get(0), capture.bytes);
    }
}
