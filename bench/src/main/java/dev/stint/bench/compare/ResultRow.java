package dev.stint.bench.compare;

/**
 * One figure of one engine: {@code value} in {@code unit} for {@code workload} at {@code sync} (null when
 * the setting does not apply), measured with {@code jobs} jobs. {@code note} says when the engine ran a
 * smaller N, could not run the workload ({@code value} is NaN), or failed.
 */
record ResultRow(String workload, Sync sync, EngineKind engine, long jobs, double value, String unit,
        boolean higherIsBetter, String note) {

    boolean measured() {
        return !Double.isNaN(value);
    }

    boolean failed() {
        return note.startsWith(ResultTable.FAILED);
    }
}
