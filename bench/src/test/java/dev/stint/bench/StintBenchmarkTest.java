package dev.stint.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A smoke test: the benchmark runs every row at tiny sizes and prints its table. No timing is asserted. */
class StintBenchmarkTest {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void quickRunPrintsTheWholeTable(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = StintBenchmark.run(
                new String[] {"--quick", "--warmup=0", "--rounds=1", "--scale=0.5", "--dir=" + dir},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(log, true, StandardCharsets.UTF_8));

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as("status; log:%n%s", log.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(table).contains(StintBenchmark.COLUMNS);
        assertThat(table).contains("dispatch(job), 1 thread", "dispatchAll", "end to end", "mixed: ", "checkpoint(), 16 jobs",
                "open() to first job running", "reportCount cost");
        assertThat(table.lines().filter(l -> l.matches("^\\d+ .* NORMAL .*")).count()).as("rows in NORMAL mode")
                .isEqualTo(8);
        assertThat(table).contains(StintBenchmark.DONE);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("temporary libraries are deleted").isEmpty();
        }
    }

    @Test
    void badArgumentsAreRejected() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = StintBenchmark.run(new String[] {"--only=nothing"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("unknown benchmark");
    }
}
