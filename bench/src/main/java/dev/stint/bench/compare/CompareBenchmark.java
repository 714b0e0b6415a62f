package dev.stint.bench.compare;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The comparison suite: Stint against JobRunr, db-scheduler, Quartz and the raw SQLite limit, each on its
 * own SQLite file in the same folder, same WAL and {@code synchronous} settings. Prints one table row per
 * workload, sync setting and engine, with Stint's figure divided by each engine's.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp "stint-bench.jar:lib/*" dev.stint.bench.compare.CompareBenchmark [options]
 * </pre>
 *
 * See {@code docs/benchmarks.md} and {@code --help}.
 */
public final class CompareBenchmark {
    /** The line printed after the table. */
    static final String DONE = "done in ";
    /**
     * Core's internal switch (dev.stint.internal.store.CommitThread): which thread runs a waiting caller's
     * commit, {@code writer}, {@code caller} or {@code caller-except-jobs}; set by {@code --commit-thread}.
     */
    static final String COMMIT_THREAD_PROPERTY = "stint.internal.commitThread";

    private static final List<Workload> WORKLOADS = List.of(new DispatchWorkload(), new EndToEndWorkload(),
            new IdleLatencyWorkload(), new CheckpointWorkload(), new OpenWorkload(), new HeapWorkload());

    private CompareBenchmark() {
    }

    /** Runs the suite; exits with status 2 on bad arguments, 1 if a row failed. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.exit(status);
    }

    /**
     * Runs the suite, printing the table on {@code out} and progress on {@code log}.
     *
     * @return 0 when every row was measured (or is n/a), 1 when a row failed, 2 on bad arguments
     */
    public static int run(String[] args, PrintStream out, PrintStream log) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            log.println("compare-benchmark: " + e.getMessage());
            log.println(Options.USAGE);
            return 2;
        }
        if (options.help) {
            out.println(Options.USAGE);
            return 0;
        }
        long started = System.nanoTime();
        ResultTable table = new ResultTable();
        SuiteRun run = new SuiteRun(options.sizes(), options.warmup, options.baseDir, table, log);
        printHeading(out, options);
        for (Workload w : WORKLOADS) {
            if (!options.only.contains(w.option())) {
                continue;
            }
            for (Sync sync : w.dependsOnSync() ? options.syncs : List.of(Sync.FULL)) {
                for (EngineKind engine : options.engines) {
                    measure(run, w, engine, sync, log);
                }
            }
        }
        table.print(out);
        out.printf(Locale.ROOT, "%s%.1f s%n", DONE, (System.nanoTime() - started) / 1e9);
        out.flush();
        return table.rows().stream().anyMatch(ResultRow::failed) ? 1 : 0;
    }

    private static void measure(SuiteRun run, Workload w, EngineKind engine, Sync sync, PrintStream log) {
        run.log("%s, %s, %s", w.option(), engine.label(), w.dependsOnSync() ? sync : "-");
        Sync rowSync = w.dependsOnSync() ? sync : null;
        try {
            w.measure(run, engine, sync);
        } catch (UnsupportedByEngineException e) {
            for (Workload.RowSpec spec : w.rows(run, engine)) {
                run.addMissing(spec, engine, rowSync, ResultTable.NOT_APPLICABLE + ": " + e.getMessage());
            }
        } catch (Exception | AssertionError e) {
            log.println("[compare] " + w.option() + " failed for " + engine.label() + ":");
            e.printStackTrace(log);
            for (Workload.RowSpec spec : w.rows(run, engine)) {
                run.addMissing(spec, engine, rowSync, ResultTable.FAILED + ": " + e);
            }
        } finally {
            JobProbe.openGate();
        }
    }

    private static void printHeading(PrintStream out, Options options) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        out.println("Stint compared with JobRunr 8.7.0, db-scheduler 16.12.0, Quartz 2.5.2 and raw SQLite");
        out.printf(Locale.ROOT, "  date     %s%s%n", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                ZonedDateTime.now().withNano(0)), options.label.isEmpty() ? "" : "; " + options.label);
        out.printf(Locale.ROOT, "  machine  %d cores (%s), %.1f GiB memory, load average %.2f at start; %s %s%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(), os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
                os.getSystemLoadAverage(), System.getProperty("os.name"), System.getProperty("os.version"));
        out.printf(Locale.ROOT, "  JVM      %s %s, max heap %d MiB, GC %s, flags: %s%n",
                System.getProperty("java.vm.name"), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining("/")),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.printf(Locale.ROOT, "  SQLite   %s (sqlite-jdbc), WAL, one file per engine under %s; peers: a pool of one "
                + "connection; %d workers per engine (raw: 1 thread)%n", sqliteVersion(), options.baseDir,
                EngineKind.WORKERS);
        out.printf(Locale.ROOT, "  commits  Stint's %s=%s%n", COMMIT_THREAD_PROPERTY,
                System.getProperty(COMMIT_THREAD_PROPERTY, "(unset: the library's default)"));
        out.println("  sync     FULL = synchronous=FULL, Stint powerSafe(true) (default); NORMAL = synchronous=NORMAL, "
                + "Stint powerSafe(false)");
        out.printf(Locale.ROOT, "  sizes    %s%s; N is per row; peers run smaller N where theirs would take minutes%n",
                options.quick ? "quick" : options.tiny ? "tiny" : "full",
                options.scale == 1.0 ? "" : String.format(Locale.ROOT, " x %.3g", options.scale));
        out.println("  Stint/this: Stint's value divided by this engine's (jobs/s, ckpt/s: higher is better; "
                + "ms, MiB: lower is better)");
        out.println();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String sqliteVersion() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT sqlite_version()")) {
            return rs.next() ? rs.getString(1) : "?";
        } catch (Exception e) {
            return "?";
        }
    }

    /** Command-line options. */
    static final class Options {
        static final String USAGE = """
                usage: CompareBenchmark [options]
                  --quick            small sizes (a minute or two); --tiny: smaller still (the CI smoke test)
                  --scale=F          multiply every size by F
                  --only=LIST        comma-separated subset of: dispatch,e2e,latency,checkpoint,open,heap
                  --engines=LIST     comma-separated subset of: stint,raw,db-scheduler,quartz,jobrunr
                  --sync=LIST        normal, full or both (default normal,full)
                  --no-warmup        skip the discarded warm-up run at a tenth of the size
                  --label=TEXT       printed in the heading (e.g. the git commit)
                  --commit-thread=M  writer, caller or caller-except-jobs: which thread runs a waiting caller's
                                     commit in Stint (an internal switch, to compare them; default: the library's)
                  --dir=PATH         where the temporary files go (default java.io.tmpdir); a real disk, not tmpfs
                  --help             this text""";

        boolean quick;
        boolean tiny;
        boolean help;
        boolean warmup = true;
        double scale = 1.0;
        String label = "";
        Set<String> only = new LinkedHashSet<>(WORKLOADS.stream().map(Workload::option).toList());
        List<EngineKind> engines = List.of(EngineKind.values());
        List<Sync> syncs = List.of(Sync.NORMAL, Sync.FULL);
        Path baseDir = Path.of(System.getProperty("java.io.tmpdir"));

        static Options parse(String[] args) {
            Options o = new Options();
            for (String arg : args) {
                String key = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
                switch (key) {
                    case "--quick" -> o.quick = true;
                    case "--tiny" -> o.tiny = true;
                    case "--help", "-h" -> o.help = true;
                    case "--no-warmup" -> o.warmup = false;
                    case "--label" -> o.label = require(key, value);
                    case "--dir" -> o.baseDir = Path.of(require(key, value));
                    case "--commit-thread" -> {
                        String mode = require(key, value).toLowerCase(Locale.ROOT);
                        if (!List.of("writer", "caller", "caller-except-jobs").contains(mode)) {
                            throw new IllegalArgumentException(
                                    "--commit-thread is writer, caller or caller-except-jobs, not " + value);
                        }
                        System.setProperty(COMMIT_THREAD_PROPERTY, mode);
                    }
                    case "--scale" -> {
                        try {
                            o.scale = Double.parseDouble(require(key, value));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--scale needs a number, got " + value);
                        }
                        if (!(o.scale > 0)) {
                            throw new IllegalArgumentException("--scale must be > 0");
                        }
                    }
                    case "--only" -> {
                        Set<String> known = new LinkedHashSet<>(o.only);
                        o.only.clear();
                        for (String part : list(key, value)) {
                            if (!known.contains(part)) {
                                throw new IllegalArgumentException("unknown workload '" + part + "'; known: " + known);
                            }
                            o.only.add(part);
                        }
                    }
                    case "--engines" -> {
                        List<EngineKind> chosen = new ArrayList<>();
                        for (String part : list(key, value)) {
                            chosen.add(EngineKind.parse(part));
                        }
                        chosen.remove(EngineKind.STINT);
                        chosen.add(0, EngineKind.STINT); // Stint first: the ratios need its figure
                        o.engines = List.copyOf(chosen);
                    }
                    case "--sync" -> o.syncs = list(key, value).stream().map(Sync::parse).distinct().toList();
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            return o;
        }

        Sizes sizes() {
            return (tiny ? Sizes.TINY : quick ? Sizes.QUICK : Sizes.FULL).scaled(scale);
        }

        private static List<String> list(String key, String value) {
            return List.of(require(key, value).split(",")).stream().map(s -> s.trim().toLowerCase(Locale.ROOT))
                    .filter(s -> !s.isEmpty()).toList();
        }

        private static String require(String key, String value) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(key + " needs a value: " + key + "=...");
            }
            return value;
        }
    }
}
