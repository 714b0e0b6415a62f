package dev.stint.bench.compare;

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
 * A smoke test of the comparison suite: every engine runs every workload at tiny sizes, and the table is
 * complete. The workloads themselves check that every dispatched job started exactly once and that the
 * engine's storage counts them all finished (a row whose check fails is marked FAILED, and the run exits
 * with 1). No timing is asserted.
 */
class CompareBenchmarkTest {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyEngineRunsEveryWorkload(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = CompareBenchmark.run(new String[] {"--tiny", "--no-warmup", "--sync=normal", "--dir=" + dir},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(log, true, StandardCharsets.UTF_8));

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as("status; table:%n%s%nlog:%n%s", table, log.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(table).contains(ResultTable.COLUMNS, CompareBenchmark.DONE).doesNotContain(ResultTable.FAILED);

        List<String> rows = table.lines().filter(l -> l.matches("^\\d[a-e]? .*")).toList();
        // dispatch 2 rows, end to end 3, idle latency 2, checkpoint 1, open 1 (one sync); heap 2 (once)
        int rowsPerEngine = 2 + 3 + 2 + 1 + 1 + 2;
        for (EngineKind engine : EngineKind.values()) {
            List<String> own = rows.stream().filter(l -> l.contains(" " + engine.label() + " ")).toList();
            assertThat(own).as("rows of %s", engine.label()).hasSize(rowsPerEngine);
            boolean checkpoints = !engine.isPeer();
            assertThat(own.stream().filter(l -> l.contains(ResultTable.NOT_APPLICABLE + ":")))
                    .as("n/a rows of %s", engine.label()).hasSize(checkpoints ? 0 : 1);
        }
        assertThat(rows.stream().filter(l -> l.contains(" NORMAL ")).count()).isEqualTo(9L * EngineKind.values().length);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("temporary files are deleted").isEmpty();
        }
    }

    @Test
    void badArgumentsAreRejected() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = CompareBenchmark.run(new String[] {"--engines=cron"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("unknown engine");
    }
}
