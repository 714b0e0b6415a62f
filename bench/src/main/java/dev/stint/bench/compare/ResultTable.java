package dev.stint.bench.compare;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import dev.stint.bench.Figures;
import java.util.Locale;
import java.util.Objects;

/**
 * The comparison table: one row per workload, sync setting and engine, with the ratio of Stint's figure
 * to this engine's figure from the same run.
 */
final class ResultTable {
    /** The note of a row whose measurement threw. */
    static final String FAILED = "FAILED";
    /** The note of a row the engine cannot run. */
    static final String NOT_APPLICABLE = "n/a";
    static final String COLUMNS = String.format(Locale.ROOT, "%-48s %-6s %-13s %10s %12s %-9s %10s  %s",
            "workload", "sync", "engine", "N", "value", "unit", "Stint/this", "note");

    private final List<ResultRow> rows = new ArrayList<>();

    synchronized void add(ResultRow row) {
        rows.add(row);
    }

    synchronized List<ResultRow> rows() {
        return List.copyOf(rows);
    }

    /** The ratio Stint / this engine for the row, or NaN without a Stint figure for the same workload and sync. */
    synchronized double ratio(ResultRow row) {
        for (ResultRow r : rows) {
            if (r.engine() == EngineKind.STINT && r.workload().equals(row.workload())
                    && Objects.equals(r.sync(), row.sync()) && r.measured() && row.measured() && row.value() != 0) {
                return r.value() / row.value();
            }
        }
        return Double.NaN;
    }

    synchronized void print(PrintStream out) {
        out.println(COLUMNS);
        out.println("-".repeat(COLUMNS.length() + 20));
        // rows are measured engine by engine; print them grouped by workload and sync, in first-seen order
        java.util.Map<String, List<ResultRow>> groups = new java.util.LinkedHashMap<>();
        for (ResultRow r : rows) {
            groups.computeIfAbsent(r.workload() + "/" + r.sync(), k -> new ArrayList<>()).add(r);
        }
        boolean first = true;
        for (List<ResultRow> group : groups.values()) {
            if (!first) {
                out.println();
            }
            first = false;
            group.forEach(r -> out.println(line(r)));
        }
        out.println("-".repeat(COLUMNS.length() + 20));
    }

    String line(ResultRow r) {
        double ratio = ratio(r);
        String ratioText = r.engine() == EngineKind.STINT || Double.isNaN(ratio) ? "" : Figures.format(ratio) + "x";
        return String.format(Locale.ROOT, "%-48s %-6s %-13s %,10d %12s %-9s %10s  %s", r.workload(),
                r.sync() == null ? "-" : r.sync().name(), r.engine().label(), r.jobs(),
                r.measured() ? Figures.format(r.value()) : "-", r.unit(), ratioText, r.note()).stripTrailing();
    }

}
