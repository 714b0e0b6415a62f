package dev.stint.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke test of the cold-start suite: one sample per row in child JVMs, on a tiny prepared library; every
 * row is measured and the temporary files are gone. No timing is asserted.
 */
class ColdStartBenchmarkTest {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void every_row_runs_in_a_child_jvm(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = ColdStartBenchmark.run(new String[] {"--samples=1", "--queued=20", "--history=5",
            "--rows=sqlite,msgpack,stint-empty,stint-loaded", "--dir=" + dir},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(log, true, StandardCharsets.UTF_8));

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as("status; table:%n%s%nlog:%n%s", table, log.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(table).contains(ColdStartTable.COLUMNS, ColdStartBenchmark.DONE)
                .doesNotContain(ColdStartBenchmark.FAILED);
        List<String> rows = table.lines().filter(l -> l.startsWith("floor:") || l.startsWith("Stint,")).toList();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(3)).as("the prepared library's row").contains("20 queued + 5 history");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("temporary files are deleted").isEmpty();
        }
    }

    @Test
    void bad_arguments_are_rejected() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = ColdStartBenchmark.run(new String[] {"--rows=cron"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("unknown row");
    }
}
