package dev.stint.bench.compare;

/** One workload of the suite: measures one engine at one sync setting and adds its rows to the table. */
interface Workload {

    /** The name used by {@code --only=}. */
    String option();

    /** False for workloads where the sync setting does not matter: they run once, at {@link Sync#FULL}. */
    default boolean dependsOnSync() {
        return true;
    }

    /** The labels of the rows this workload adds for every engine (used to report failures and n/a). */
    java.util.List<RowSpec> rows(SuiteRun run, EngineKind engine);

    /** Measures {@code engine} and adds one row per {@link #rows} entry to {@code run.table()}. */
    void measure(SuiteRun run, EngineKind engine, Sync sync) throws Exception;

    /** A row's label, unit and direction, and how many jobs it uses for the engine. */
    record RowSpec(String label, String unit, boolean higherIsBetter, long jobs) {
    }
}
