package dev.stint.bench.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/** What a workload needs from the run: sizes, the table, the log, fresh folders. */
final class SuiteRun {
    private final Sizes sizes;
    private final boolean warmup;
    private final Path baseDir;
    private final ResultTable table;
    private final PrintStream log;

    SuiteRun(Sizes sizes, boolean warmup, Path baseDir, ResultTable table, PrintStream log) {
        this.sizes = sizes;
        this.warmup = warmup;
        this.baseDir = baseDir;
        this.table = table;
        this.log = log;
    }

    Sizes sizes() {
        return sizes;
    }

    /** Whether throughput workloads first run once at a tenth of their size, discarded (JIT warm-up). */
    boolean warmup() {
        return warmup;
    }

    ResultTable table() {
        return table;
    }

    void log(String format, Object... args) {
        log.printf(Locale.ROOT, "[compare] " + format + "%n", args);
        log.flush();
    }

    /** Adds a measured row; notes a peer's smaller N. */
    void add(Workload.RowSpec spec, long stintJobs, EngineKind engine, Sync sync, double value) {
        String note = engine.isPeer() && spec.jobs() < stintJobs ? "smaller N" : "";
        ResultRow row = new ResultRow(spec.label(), sync, engine, spec.jobs(), value, spec.unit(), spec.higherIsBetter(),
                note);
        table.add(row);
        log("%s", table.line(row));
    }

    /** Adds a row without a figure (the engine cannot run it, or it failed). */
    void addMissing(Workload.RowSpec spec, EngineKind engine, Sync sync, String note) {
        ResultRow row = new ResultRow(spec.label(), sync, engine, spec.jobs(), Double.NaN, spec.unit(),
                spec.higherIsBetter(), note);
        table.add(row);
        log("%s", table.line(row));
    }

    /** A new empty folder under the base folder; delete it with {@link #delete}. */
    Path freshDir(String name) {
        try {
            Files.createDirectories(baseDir);
            return Files.createTempDirectory(baseDir, "stint-compare-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
