package dev.stint.bench.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The engines the suite compares, and how each one opens on a fresh (or existing) folder. */
public enum EngineKind {
    /** The engine under test. */
    STINT("Stint", false),
    /** The same SQL lifecycle done directly with sqlite-jdbc, set-based, on minimal tables: the ceiling. */
    RAW("raw SQLite", false),
    /** The same raw lifecycle on Stint's own schema and statements: Stint / this is the engine's overhead. */
    RAW_STINT_SCHEMA("raw, Stint's schema", false),
    DB_SCHEDULER("db-scheduler", true),
    QUARTZ("Quartz", true),
    JOBRUNR("JobRunr", true);

    /** How many workers (threads running jobs) every engine gets. */
    static final int WORKERS = 16;

    private final String label;
    private final boolean peer;

    EngineKind(String label, boolean peer) {
        this.label = label;
        this.peer = peer;
    }

    /** How many jobs can run at once: {@link #WORKERS}, except the raw limit's single worker thread. */
    int workers() {
        return this == RAW || this == RAW_STINT_SCHEMA ? 1 : WORKERS;
    }

    /** The name in the table. */
    public String label() {
        return label;
    }

    /** A Java peer (not Stint, not the raw limit). */
    public boolean isPeer() {
        return peer;
    }

    /** The name used on the command line ({@code --engines=stint,raw,raw-stint-schema,db-scheduler,quartz,jobrunr}). */
    public String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Opens the engine on {@code dir} (creating its tables if they are missing).
     *
     * @param workers whether it runs jobs; without workers it only stores them
     */
    Engine open(Path dir, Sync sync, boolean workers) throws Exception {
        return switch (this) {
            case STINT -> StintEngine.open(dir, sync, workers);
            case RAW -> RawSqliteEngine.open(dir, sync, workers, RawSchema.MINIMAL);
            case RAW_STINT_SCHEMA -> RawSqliteEngine.open(dir, sync, workers, RawSchema.STINT);
            case DB_SCHEDULER -> DbSchedulerEngine.open(dir, sync, workers);
            case QUARTZ -> QuartzEngine.open(dir, sync, workers);
            case JOBRUNR -> JobRunrEngine.open(dir, sync, workers);
        };
    }

    static EngineKind parse(String text) {
        for (EngineKind k : values()) {
            if (k.option().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + text + "'; known: "
                + List.of(values()).stream().map(EngineKind::option).toList());
    }
}
