package dev.stint.bench.coldstart;

import dev.stint.bench.coldstart.ColdStartBenchmark.Classes;
import dev.stint.bench.coldstart.ColdStartBenchmark.Row;
import dev.stint.bench.coldstart.ColdStartBenchmark.Sample;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints the cold-start table: one line per row, median / max of each figure, and the classes loaded. */
final class ColdStartTable {
    static final String COLUMNS = String.format(Locale.ROOT, "%-66s %13s %11s %13s %13s %13s %9s %7s  %s", "row",
            "open/floor", "over floor", "job started", "job done", "open->done", "RSS MiB", "threads",
            "classes: all / app = stint+sqlite+jackson+msgpack+other");

    private ColdStartTable() {
    }

    /** Prints the table; returns whether any row failed. */
    static boolean print(PrintStream out, ColdStartBenchmark.Options o, Map<Row, List<Sample>> samples,
            Map<Row, Classes> classes) {
        out.println(COLUMNS);
        boolean failed = false;
        for (Map.Entry<Row, List<Sample>> e : samples.entrySet()) {
            Row row = e.getKey();
            List<Sample> ok = e.getValue().stream().filter(s -> s.failure() == null).toList();
            String label = row.label.replace("Q queued", o.queued + " queued").replace("H history", o.history
                    + " history");
            if (ok.size() < e.getValue().size()) {
                failed = true;
                String why = e.getValue().stream().filter(s -> s.failure() != null).findFirst().orElseThrow().failure();
                out.printf(Locale.ROOT, "%-66s %s: %d of %d samples: %s%n", label, ColdStartBenchmark.FAILED,
                        e.getValue().size() - ok.size(), e.getValue().size(), why);
                continue;
            }
            Classes c = classes.get(row);
            out.printf(Locale.ROOT, "%-66s %13s %11s %13s %13s %13s %9s %7s  %s%n", label, stat(ok, "open"),
                    overFloor(row, e.getValue(), samples), stat(ok, "started"), stat(ok, "completed"), diff(ok, "completed", "open"),
                    memory(ok), median(ok.stream().mapToDouble(s -> s.time("threads")).toArray(), "%.0f"),
                    c == null ? "?" : String.format(Locale.ROOT, "%d / %d = %d+%d+%d+%d+%d", c.total(), c.app(),
                            c.stint(), c.sqlite(), c.jackson(), c.msgpack(), c.other()));
        }
        return failed;
    }

    /**
     * Stint's own cost: the median over rounds of this row's {@code open} minus the floor's in the same round
     * (rows are interleaved, so a round's samples ran seconds apart under the same load). The floor is the
     * sqlite row the Stint row matches: the per-user cached library, or the driver's own extraction for the
     * row with the cache off and for a core without the cache.
     */
    private static String overFloor(Row row, List<Sample> own, Map<Row, List<Sample>> samples) {
        if (row.ordinal() < Row.NEW.ordinal()) {
            return "-";
        }
        List<Sample> cached = samples.get(Row.SQLITE_CACHED);
        boolean cacheInCore = cached != null && cached.stream().noneMatch(s -> s.figures().containsKey("note"));
        Row floorRow = row != Row.EMPTY_NO_CACHE && cacheInCore ? Row.SQLITE_CACHED : Row.SQLITE;
        List<Sample> floor = samples.get(floorRow);
        if (floor == null || floor.size() != own.size()) {
            return "-";
        }
        double[] diffs = new double[own.size()];
        for (int i = 0; i < own.size(); i++) {
            diffs[i] = own.get(i).time("open") - floor.get(i).time("open");
        }
        return median(diffs, "%.0f") + (floorRow == Row.SQLITE_CACHED ? " c" : " d");
    }

    private static String stat(List<Sample> samples, String key) {
        double[] v = samples.stream().mapToDouble(s -> s.time(key)).toArray();
        return medianMax(v);
    }

    private static String diff(List<Sample> samples, String later, String earlier) {
        double[] v = samples.stream().mapToDouble(s -> s.time(later) - s.time(earlier)).toArray();
        return medianMax(v);
    }

    private static String memory(List<Sample> samples) {
        double[] v = samples.stream().mapToDouble(s -> s.time("rssKiB") / 1024.0).toArray();
        return median(v, "%.0f");
    }

    static String medianMax(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0f / %.0f", median(v), v[v.length - 1]);
    }

    static String median(double[] values, String format) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        return v.length == 0 ? "-" : String.format(Locale.ROOT, format, median(v));
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
