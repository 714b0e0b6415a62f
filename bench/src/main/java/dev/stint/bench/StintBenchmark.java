package dev.stint.bench;

import dev.stint.Job;
import dev.stint.JobHandle;
import dev.stint.Library;
import dev.stint.bench.BenchJobs.CheckpointJob;
import dev.stint.bench.BenchJobs.NoopJob;
import dev.stint.bench.BenchJobs.ProbeJob;
import dev.stint.bench.BenchJobs.ProgressJob;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures the engine's throughput and latencies and prints them as a plain-text table. Every round runs
 * on a fresh library in a temporary folder; warm-up rounds run first and are discarded, then the table
 * shows the median, minimum and maximum of the measured rounds.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp "stint-bench.jar:lib/*" dev.stint.bench.StintBenchmark [options]
 * </pre>
 *
 * See {@code docs/benchmarks.md} and {@code --help}.
 */
public final class StintBenchmark {

    /** The first line of the table (the column titles). */
    static final String COLUMNS = String.format(Locale.ROOT, "%-3s %-47s %-6s %-13s %12s %12s %12s",
            "#", "benchmark", "sync", "unit", "median", "min", "max");

    /** The line printed after the last row. */
    static final String DONE = "done in ";

    private static final List<String> ALL = List.of("dispatch", "batch", "e2e", "mixed", "checkpoint", "open", "progress");
    private static final List<String> MIXED_QUEUES = List.of("default", "io", "net", "cpu");
    private static final int BATCH = 1000;
    private static final int E2E_CONCURRENCY = 16;
    private static final int DISPATCH_THREADS = 16;
    private static final int[] CHECKPOINT_JOBS = {1, 4, 16};

    private final Options options;
    private final PrintStream out;
    private final PrintStream log;
    private final BenchCatalog catalog = new BenchCatalog();

    private StintBenchmark(Options options, PrintStream out, PrintStream log) {
        this.options = options;
        this.out = out;
        this.log = log;
    }

    /** Runs the benchmark; exits with status 2 on bad arguments, 1 on failure. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the benchmark with the given arguments, printing the table on {@code out} and progress on
     * {@code log}.
     *
     * @return 0 on success, 1 on failure, 2 on bad arguments
     */
    public static int run(String[] args, PrintStream out, PrintStream log) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            log.println("stint-benchmark: " + e.getMessage());
            log.println(Options.USAGE);
            return 2;
        }
        if (options.help) {
            out.println(Options.USAGE);
            return 0;
        }
        try {
            new StintBenchmark(options, out, log).runAll();
            return 0;
        } catch (Exception e) {
            log.println("stint-benchmark failed:");
            e.printStackTrace(log);
            return 1;
        }
    }

    // ---- the run --------------------------------------------------------------------------------

    private void runAll() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(options.baseDir);
        out.println("Stint benchmark");
        out.printf(Locale.ROOT, "  JVM     %s %s (%s), %d processors, max heap %d MiB%n",
                System.getProperty("java.vm.name"), Runtime.version(), System.getProperty("java.vm.vendor"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        out.printf(Locale.ROOT, "  OS      %s %s %s%n", System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
        out.printf(Locale.ROOT, "  SQLite  %s (sqlite-jdbc), WAL; libraries under %s%n", sqliteVersion(),
                options.baseDir);
        out.printf(Locale.ROOT, "  rounds  %d warm-up + %d measured per row%s; %s%n", options.warmup, options.rounds,
                options.quick ? " (quick mode)" : "", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        ZonedDateTime.now().withNano(0)));
        out.println("  sync: FULL = powerSafe(true), the default; NORMAL = powerSafe(false)");
        out.println();
        out.println(COLUMNS);
        out.println("-".repeat(COLUMNS.length()));
        Sizes s = options.sizes();
        int row = 0;
        if (options.only.contains("dispatch")) {
            row++;
            for (boolean ps : new boolean[] {true, false}) {
                int n = s.dispatchOneThread;
                print(row, "dispatch(job), 1 thread, " + n + " jobs", ps, "jobs/s",
                        measure("dispatch 1 thread", ps, () -> dispatchSingle(ps, 1, n)));
            }
            row++;
            for (boolean ps : new boolean[] {true, false}) {
                int n = s.dispatchManyThreads;
                print(row, "dispatch(job), " + DISPATCH_THREADS + " virtual threads, " + n + " jobs", ps, "jobs/s",
                        measure("dispatch " + DISPATCH_THREADS + " threads", ps,
                                () -> dispatchSingle(ps, DISPATCH_THREADS, n)));
            }
        }
        if (options.only.contains("batch")) {
            row++;
            for (boolean ps : new boolean[] {true, false}) {
                int batches = s.batches;
                print(row, "dispatchAll, " + batches + " x " + BATCH + " jobs", ps, "jobs/s",
                        measure("dispatchAll", ps, () -> dispatchBatched(ps, batches)));
            }
        }
        if (options.only.contains("e2e")) {
            row++;
            for (boolean ps : new boolean[] {true, false}) {
                int n = s.e2eJobs;
                print(row, "end to end, " + n + " no-op jobs, concurrency " + E2E_CONCURRENCY, ps, "jobs/s",
                        measure("end to end", ps, () -> endToEnd(ps, n)));
            }
        }
        if (options.only.contains("mixed")) {
            row++;
            for (boolean ps : new boolean[] {true, false}) {
                int n = s.e2eJobs;
                print(row, "mixed: " + n + " jobs, 4 queues x 4, priorities, 10% retried", ps, "jobs/s",
                        measure("mixed workload", ps, () -> mixed(ps, n)));
            }
        }
        if (options.only.contains("checkpoint")) {
            for (int k : CHECKPOINT_JOBS) {
                row++;
                for (boolean ps : new boolean[] {true, false}) {
                    long perJob = Math.max(1, s.checkpointTotal(k) / k);
                    print(row, "checkpoint(), " + k + " job" + (k == 1 ? "" : "s") + " x " + perJob, ps,
                            "checkpoints/s", measure("checkpoints, " + k + " jobs", ps,
                                    () -> checkpoints(ps, k, perJob)));
                }
            }
        }
        if (options.only.contains("open")) {
            row++;
            List<double[]> empty = measureMulti("open empty library", () -> openTimes(0, false));
            print(row, "open(), empty library, autoStart(false)", null, "ms", column(empty, 0));
            row++;
            int n = s.openJobs;
            List<double[]> full = measureMulti("open " + n + " queued", () -> openTimes(n, true));
            print(row, "open(), " + n + " queued, autoStart(false)", null, "ms", column(full, 0));
            row++;
            print(row, "open() to first job running, " + n + " queued", null, "ms", column(full, 1));
        }
        if (options.only.contains("progress")) {
            long calls = s.progressCalls;
            List<double[]> r = measureMulti("reportCount", () -> progressCost(calls));
            row++;
            print(row, "loop without reportCount, " + millions(calls) + " iterations", null, "ns/iteration",
                    column(r, 0));
            row++;
            print(row, "loop with reportCount, " + millions(calls) + " iterations", null, "ns/iteration",
                    column(r, 1));
            row++;
            print(row, "reportCount cost (difference)", null, "ns/call", column(r, 2));
        }
        out.println("-".repeat(COLUMNS.length()));
        out.printf(Locale.ROOT, "%s%.1f s%n", DONE, (System.nanoTime() - started) / 1e9);
        out.flush();
    }

    // ---- 1. dispatch(job), one at a time --------------------------------------------------------

    private double dispatchSingle(boolean powerSafe, int threads, int jobs) throws Exception {
        Path dir = freshDir("dispatch");
        try (Library library = open(dir, powerSafe, false, 2)) {
            long t0;
            long t1;
            if (threads == 1) {
                t0 = System.nanoTime();
                for (int i = 0; i < jobs; i++) {
                    library.dispatch(new NoopJob(i));
                }
                t1 = System.nanoTime();
            } else {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int t = 0; t < threads; t++) {
                        int share = jobs / threads + (t < jobs % threads ? 1 : 0);
                        done.add(exec.submit(() -> {
                            go.await();
                            for (int i = 0; i < share; i++) {
                                library.dispatch(new NoopJob(i));
                            }
                            return null;
                        }));
                    }
                    t0 = System.nanoTime();
                    go.countDown();
                    for (Future<?> f : done) {
                        f.get();
                    }
                    t1 = System.nanoTime();
                }
            }
            return jobs / seconds(t1 - t0);
        } finally {
            deleteTree(dir);
        }
    }

    // ---- 2. dispatchAll, batches of 1000 ---------------------------------------------------------

    private double dispatchBatched(boolean powerSafe, int batches) {
        Path dir = freshDir("batch");
        List<List<NoopJob>> lists = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            lists.add(noopBatch(b));
        }
        try (Library library = open(dir, powerSafe, false, 2)) {
            long t0 = System.nanoTime();
            for (List<NoopJob> batch : lists) {
                library.dispatchAll(batch);
            }
            long t1 = System.nanoTime();
            return (double) batches * BATCH / seconds(t1 - t0);
        } finally {
            deleteTree(dir);
        }
    }

    // ---- 3. end to end ---------------------------------------------------------------------------

    private double endToEnd(boolean powerSafe, int jobs) throws InterruptedException {
        Path dir = freshDir("e2e");
        try (Library library = open(dir, powerSafe, false, E2E_CONCURRENCY)) {
            fill(library, jobs, NoopJob::new);
            long t0 = System.nanoTime();
            library.start();
            boolean idle = library.awaitIdle(Duration.ofMinutes(10));
            long t1 = System.nanoTime();
            check(idle, "end to end: library not idle after 10 minutes");
            check(library.activeJobs().isEmpty(), "end to end: jobs left active");
            return jobs / seconds(t1 - t0);
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Four queues of four workers, priorities -2..2 spread over the jobs, every tenth job failing its
     * first attempt (retried at once): jobs/s until every job, retries included, is in history.
     */
    private double mixed(boolean powerSafe, int jobs) throws InterruptedException {
        Path dir = freshDir("mixed");
        Library.Builder builder = Library.builder(dir).catalog(new BenchCatalog()).useServiceLoader(false)
                .powerSafe(powerSafe).autoStart(false).concurrency(4)
                .historyRetention(Duration.ofDays(365), Integer.MAX_VALUE);
        for (String q : MIXED_QUEUES.subList(1, MIXED_QUEUES.size())) {
            builder.queue(q, 4);
        }
        try (Library library = builder.open()) {
            java.util.Random random = new java.util.Random(42);
            int perBatch = Math.max(1, jobs / 40);
            for (int done = 0; done < jobs; done += perBatch) {
                List<Job<?>> batch = new ArrayList<>();
                for (int i = done; i < Math.min(jobs, done + perBatch); i++) {
                    batch.add(new BenchJobs.FlakyNoopJob(i % 10 == 0));
                }
                library.dispatchAll(batch, dev.stint.DispatchOptions.defaults()
                        .withQueue(MIXED_QUEUES.get(random.nextInt(MIXED_QUEUES.size())))
                        .withPriority(random.nextInt(5) - 2).withMaxAttempts(2).withBackoff(Duration.ZERO));
            }
            long t0 = System.nanoTime();
            library.start();
            boolean idle = library.awaitIdle(Duration.ofMinutes(10));
            long t1 = System.nanoTime();
            check(idle, "mixed: library not idle after 10 minutes");
            dev.stint.JobCounts counts = library.counts();
            check(counts.of(dev.stint.JobStatus.COMPLETED) == jobs, "mixed: not every job completed: " + counts.byStatus()
                    + " of " + jobs);
            return jobs / seconds(t1 - t0);
        } finally {
            deleteTree(dir);
        }
    }

    // ---- 4. checkpoints --------------------------------------------------------------------------

    private double checkpoints(boolean powerSafe, int jobs, long perJob) throws Exception {
        Path dir = freshDir("checkpoint");
        try (Library library = open(dir, powerSafe, false, jobs)) {
            List<JobHandle<Long>> handles = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                handles.add(library.dispatch(new CheckpointJob(perJob)));
            }
            long t0 = System.nanoTime();
            library.start();
            boolean idle = library.awaitIdle(Duration.ofMinutes(10));
            long t1 = System.nanoTime();
            check(idle, "checkpoints: library not idle after 10 minutes");
            for (JobHandle<Long> h : handles) {
                check(h.result().get(1, TimeUnit.MINUTES) == perJob, "checkpoints: wrong count");
            }
            return jobs * perJob / seconds(t1 - t0);
        } finally {
            deleteTree(dir);
        }
    }

    // ---- 5. open -----------------------------------------------------------------------------------

    /**
     * Opens a library holding {@code queued} jobs (filled once, before the rounds), returning per round
     * the time {@code open()} takes with autoStart(false) and, if asked, the time from calling
     * {@code open()} with autoStart(true) until the first job runs.
     */
    private Round openTimes(int queued, boolean firstJob) {
        Path dir = freshDir("open");
        try (Library library = open(dir, true, false, 2)) {
            fill(library, queued, ProbeJob::new);
        }
        return new Round() {
            @Override
            public double[] run() throws Exception {
                long t0 = System.nanoTime();
                Library library = Library.builder(dir).catalog(catalog).useServiceLoader(false).autoStart(false).open();
                long t1 = System.nanoTime();
                library.close();
                if (!firstJob) {
                    return new double[] {millis(t1 - t0)};
                }
                ProbeJob.reset();
                long t2 = System.nanoTime();
                try (Library started = Library.builder(dir).catalog(catalog).useServiceLoader(false).open()) {
                    check(ProbeJob.firstStarted.await(1, TimeUnit.MINUTES), "open: no job started within a minute");
                    check(started.dir().equals(dir), "open: wrong library");
                }
                return new double[] {millis(t1 - t0), millis(ProbeJob.FIRST_START_NANOS.get() - t2)};
            }

            @Override
            public void close() {
                deleteTree(dir);
            }
        };
    }

    // ---- 6. progress reporting ---------------------------------------------------------------------

    private Round progressCost(long calls) {
        return new Round() {
            @Override
            public double[] run() throws Exception {
                Path dir = freshDir("progress");
                try (Library library = open(dir, true, true, 1)) {
                    long empty = library.dispatch(new ProgressJob(calls, false)).result().get();
                    long reporting = library.dispatch(new ProgressJob(calls, true)).result().get();
                    double emptyNs = (double) empty / calls;
                    double reportingNs = (double) reporting / calls;
                    return new double[] {emptyNs, reportingNs, reportingNs - emptyNs};
                } finally {
                    deleteTree(dir);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    // ---- measuring ---------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Measurement {
        double run() throws Exception;
    }

    /** One round of a measurement that yields several values; closed after the last round. */
    private interface Round extends AutoCloseable {
        double[] run() throws Exception;

        @Override
        void close();
    }

    @FunctionalInterface
    private interface RoundFactory {
        Round create() throws Exception;
    }

    private double[] measure(String what, boolean powerSafe, Measurement m) throws Exception {
        String label = what + " (" + sync(powerSafe) + ")";
        for (int i = 0; i < options.warmup; i++) {
            progress(label, "warm-up", i + 1, options.warmup);
            m.run();
        }
        double[] values = new double[options.rounds];
        for (int i = 0; i < options.rounds; i++) {
            progress(label, "round", i + 1, options.rounds);
            values[i] = m.run();
            if (options.verbose) {
                log.printf(Locale.ROOT, "[bench] %s: round %d = %s%n", label, i + 1, Figures.format(values[i]));
            }
        }
        return values;
    }

    private List<double[]> measureMulti(String what, RoundFactory factory) throws Exception {
        try (Round round = factory.create()) {
            for (int i = 0; i < options.warmup; i++) {
                progress(what, "warm-up", i + 1, options.warmup);
                round.run();
            }
            List<double[]> values = new ArrayList<>();
            for (int i = 0; i < options.rounds; i++) {
                progress(what, "round", i + 1, options.rounds);
                double[] v = round.run();
                values.add(v);
                if (options.verbose) {
                    log.printf(Locale.ROOT, "[bench] %s: round %d = %s%n", what, i + 1,
                            Arrays.stream(v).mapToObj(Figures::format).toList());
                }
            }
            return values;
        }
    }

    private void progress(String what, String kind, int i, int n) {
        log.printf(Locale.ROOT, "[bench] %s: %s %d/%d%n", what, kind, i, n);
    }

    private static double[] column(List<double[]> rows, int index) {
        return rows.stream().mapToDouble(r -> r[index]).toArray();
    }

    private void print(int row, String name, Boolean powerSafe, String unit, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        out.printf(Locale.ROOT, "%-3s %-47s %-6s %-13s %12s %12s %12s%n", row, name,
                powerSafe == null ? "-" : sync(powerSafe), unit, Figures.format(median),
                Figures.format(sorted[0]), Figures.format(sorted[n - 1]));
        out.flush();
    }

    private static String sync(boolean powerSafe) {
        return powerSafe ? "FULL" : "NORMAL";
    }

    private static String millions(long n) {
        return n % 1_000_000 == 0 ? n / 1_000_000 + "M" : String.format(Locale.ROOT, "%,d", n);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private Library open(Path dir, boolean powerSafe, boolean autoStart, int concurrency) {
        return Library.builder(dir).catalog(catalog).useServiceLoader(false).powerSafe(powerSafe)
                .autoStart(autoStart).concurrency(concurrency).open();
    }

    private static List<NoopJob> noopBatch(int b) {
        List<NoopJob> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(new NoopJob((long) b * BATCH + i));
        }
        return batch;
    }

    private static void fill(Library library, int jobs, java.util.function.LongFunction<? extends Job<?>> make) {
        List<Job<?>> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < jobs; i++) {
            batch.add(make.apply(i));
            if (batch.size() == BATCH) {
                library.dispatchAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            library.dispatchAll(batch);
        }
    }

    private Path freshDir(String name) {
        try {
            return Files.createTempDirectory(options.baseDir, "stint-bench-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static String sqliteVersion() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT sqlite_version()")) {
            return rs.next() ? rs.getString(1) : "?";
        } catch (Exception e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    // ---- options -------------------------------------------------------------------------------------

    /** How many jobs, batches and calls each benchmark uses. */
    record Sizes(int dispatchOneThread, int dispatchManyThreads, int batches, int e2eJobs, int checkpoints1,
            int checkpoints4, int checkpoints16, int openJobs, long progressCalls) {

        static final Sizes FULL = new Sizes(5_000, 20_000, 100, 20_000, 10_000, 20_000, 40_000, 100_000, 50_000_000L);
        static final Sizes QUICK = new Sizes(100, 200, 2, 1_000, 100, 200, 400, 2_000, 2_000_000L);

        long checkpointTotal(int jobs) {
            return switch (jobs) {
                case 1 -> checkpoints1;
                case 4 -> checkpoints4;
                default -> checkpoints16;
            };
        }

        Sizes scaled(double f) {
            return new Sizes(scale(dispatchOneThread, f), scale(dispatchManyThreads, f), scale(batches, f),
                    scale(e2eJobs, f), scale(checkpoints1, f), scale(checkpoints4, f), scale(checkpoints16, f),
                    scale(openJobs, f), Math.max(1, Math.round(progressCalls * f)));
        }

        private static int scale(int n, double f) {
            return (int) Math.max(1, Math.round(n * f));
        }
    }

    static final class Options {
        static final String USAGE = """
                usage: StintBenchmark [options]
                  --quick            a smoke run of a few seconds (small sizes, 1 warm-up + 2 measured rounds)
                  --rounds=N         measured rounds per row (default 5; quick 2)
                  --warmup=N         warm-up rounds per row, discarded (default 2; quick 1)
                  --scale=F          multiply every job, batch and call count by F (e.g. 0.2)
                  --only=LIST        comma-separated subset of: dispatch,batch,e2e,mixed,checkpoint,open,progress
                  --verbose          also print every measured round's value(s) on standard error
                  --dir=PATH         where the temporary libraries go (default: java.io.tmpdir)
                  --help             this text""";

        boolean quick;
        boolean help;
        boolean verbose;
        int rounds = -1;
        int warmup = -1;
        double scale = 1.0;
        Set<String> only = new LinkedHashSet<>(ALL);
        Path baseDir = Path.of(System.getProperty("java.io.tmpdir"));

        static Options parse(String[] args) {
            Options o = new Options();
            for (String arg : args) {
                String key = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
                switch (key) {
                    case "--quick" -> o.quick = true;
                    case "--help", "-h" -> o.help = true;
                    case "--verbose", "-v" -> o.verbose = true;
                    case "--rounds" -> o.rounds = positiveInt(key, value, 1);
                    case "--warmup" -> o.warmup = positiveInt(key, value, 0);
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
                        o.only.clear();
                        for (String part : require(key, value).split(",")) {
                            String name = part.trim().toLowerCase(Locale.ROOT);
                            if (!ALL.contains(name)) {
                                throw new IllegalArgumentException("unknown benchmark '" + name + "'; known: " + ALL);
                            }
                            o.only.add(name);
                        }
                    }
                    case "--dir" -> o.baseDir = Path.of(require(key, value));
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (o.rounds < 0) {
                o.rounds = o.quick ? 2 : 5;
            }
            if (o.warmup < 0) {
                o.warmup = o.quick ? 1 : 2;
            }
            return o;
        }

        Sizes sizes() {
            return (quick ? Sizes.QUICK : Sizes.FULL).scaled(scale);
        }

        private static String require(String key, String value) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(key + " needs a value: " + key + "=...");
            }
            return value;
        }

        private static int positiveInt(String key, String value, int min) {
            try {
                int n = Integer.parseInt(require(key, value));
                if (n < min) {
                    throw new IllegalArgumentException(key + " must be >= " + min);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " needs a whole number, got " + value);
            }
        }
    }
}
