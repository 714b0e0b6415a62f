package dev.stint.bench.coldstart;

import dev.stint.Library;
import dev.stint.spi.JobCatalog;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A desktop app's cold start: each sample a fresh JVM ({@link ColdStartProbe}) launched with this JVM's own
 * {@code java} binary and flags, measuring the dependencies' floor (sqlite-jdbc's first WAL connection; a first
 * Jackson+msgpack and a first msgpack-core encode/decode) beside Stint's {@code Library.open()} and first job,
 * on an empty library and on one with queued and history rows (prepared once, copied per sample).
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp "stint-bench.jar:lib/*" dev.stint.bench.coldstart.ColdStartBenchmark [options]
 * </pre>
 *
 * See {@code docs/benchmarks.md}, section "Cold start", and {@code --help}.
 */
public final class ColdStartBenchmark {
    /** The line printed after the table. */
    static final String DONE = "done in ";
    /** Marks a row whose samples failed. */
    static final String FAILED = "FAILED";

    /** A class from each jar a child gets: the probe, Stint, and the dependencies an app ships with Stint. */
    private static final List<String> APP_CLASSES = List.of("dev.stint.bench.coldstart.ColdStartProbe",
            "dev.stint.Library", "org.sqlite.JDBC", "org.msgpack.core.MessagePack",
            "org.msgpack.jackson.dataformat.MessagePackFactory", "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.core.JsonFactory", "com.fasterxml.jackson.annotation.JsonProperty",
            "org.slf4j.LoggerFactory", "org.slf4j.simple.SimpleServiceProvider");

    /** The JDK 24+ warning printed when msgpack-core's MessageBuffer first touches sun.misc.Unsafe. */
    private static final java.util.regex.Pattern JDK_WARNING = java.util.regex.Pattern.compile(
            "^(WARNING: (A terminally deprecated method in sun.misc.Unsafe|sun.misc.Unsafe::|Please consider reporting)"
                    + "|Picked up JAVA_TOOL_OPTIONS)");

    private ColdStartBenchmark() {
    }

    /** Runs the suite; exits with 2 on bad arguments, 1 if a row failed. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The rows, in the order they are printed. */
    enum Row {
        SQLITE("sqlite", "floor: sqlite-jdbc loaded, first WAL connection (driver's own extraction)"),
        SQLITE_CACHED("sqlite-cached", "floor: the same, native library from Stint's per-user cache"),
        JACKSON("jackson", "floor: first Jackson+msgpack ObjectMapper, encode+decode"),
        MSGPACK("msgpack", "floor: first msgpack-core encode+decode"),
        NEW("stint-new", "Stint, first launch: new library folder, defaults"),
        EMPTY("stint-empty", "Stint, empty library, defaults"),
        EMPTY_NO_CACHE("stint-empty-nocache", "Stint, empty library, native cache off"),
        LOADED("stint-loaded", "Stint, Q queued + H history, defaults"),
        EMPTY_AOT("stint-empty-aot", "Stint, empty library, JDK 25 AOT cache (-XX:AOTCache)");

        final String option;
        final String label;

        Row(String option, String label) {
            this.option = option;
            this.label = label;
        }

        static Row parse(String option) {
            for (Row r : values()) {
                if (r.option.equals(option)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown row '" + option + "'; known: "
                    + Arrays.stream(values()).map(r -> r.option).toList());
        }
    }

    /**
     * Runs the suite, printing the table on {@code out} and progress on {@code log}.
     *
     * @return 0 when every row was measured, 1 when a row failed, 2 on bad arguments
     */
    public static int run(String[] args, PrintStream out, PrintStream log) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            log.println("coldstart-benchmark: " + e.getMessage());
            log.println(Options.USAGE);
            return 2;
        }
        if (o.help) {
            out.println(Options.USAGE);
            return 0;
        }
        long t0 = System.nanoTime();
        Path work = null;
        try {
            work = Files.createTempDirectory(o.baseDir, "stint-coldstart-");
            return runIn(work, o, out, log, t0);
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.println("[coldstart] failed: " + e);
            e.printStackTrace(log);
            return 1;
        } finally {
            if (work != null) {
                deleteTree(work);
            }
        }
    }

    private static int runIn(Path work, Options o, PrintStream out, PrintStream log, long t0)
            throws IOException, InterruptedException {
        Launcher launcher = new Launcher(o.childFlags, log);
        String firstId = null;
        Path loaded = work.resolve("prepared");
        Path empty = work.resolve("prepared-empty");
        LibraryFiller.fill(empty, 0, 0); // opened and closed once: what every launch after the first finds
        if (o.rows.contains(Row.LOADED)) {
            log.printf(Locale.ROOT, "[coldstart] preparing a library with %d queued and %d history rows%n", o.queued,
                    o.history);
            firstId = LibraryFiller.fill(loaded, o.queued, o.history);
        }
        List<String> aotFlags = List.of();
        if (o.rows.contains(Row.EMPTY_AOT)) {
            Path cache = work.resolve("stint.aot");
            Path training = work.resolve("aot-training");
            copyTree(empty, training);
            log.println("[coldstart] AOT training run (-XX:AOTCacheOutput)");
            Sample s = launcher.run(List.of("-XX:AOTCacheOutput=" + cache), "stint", training, null, false);
            if (s.failure != null || !Files.isRegularFile(cache)) {
                log.println("[coldstart] AOT training failed: " + s.failure);
            } else {
                aotFlags = List.of("-XX:AOTCache=" + cache);
            }
        }

        Map<Row, List<Sample>> samples = new LinkedHashMap<>();
        o.rows.forEach(r -> samples.put(r, new ArrayList<>()));
        // one discarded round first: the OS file cache, the per-user native cache (written once here)
        for (int round = -1; round < o.samples; round++) {
            for (Row row : o.rows) {
                Path dir = Files.createDirectory(work.resolve("s" + (round + 1) + "-" + row.option));
                Sample s = sample(launcher, row, dir, empty, loaded, firstId, aotFlags, false);
                deleteTree(dir);
                if (round >= 0) {
                    samples.get(row).add(s);
                }
            }
            log.printf(Locale.ROOT, "[coldstart] round %d of %d%n", round + 1, o.samples);
        }
        Map<Row, Classes> classes = new LinkedHashMap<>();
        for (Row row : o.rows) {
            Path dir = Files.createDirectory(work.resolve("classes-" + row.option));
            Sample s = sample(launcher, row, dir, empty, loaded, firstId, aotFlags, true);
            classes.put(row, s.classes);
            deleteTree(dir);
        }

        printHeading(out, o, launcher);
        boolean failed = ColdStartTable.print(out, o, samples, classes);
        out.printf(Locale.ROOT, "%s%.1f s%n", DONE, (System.nanoTime() - t0) / 1e9);
        out.flush();
        return failed ? 1 : 0;
    }

    private static Sample sample(Launcher launcher, Row row, Path dir, Path empty, Path loaded, String firstId,
            List<String> aotFlags, boolean countClasses) throws IOException, InterruptedException {
        if (row == Row.EMPTY || row == Row.EMPTY_NO_CACHE || row == Row.EMPTY_AOT) {
            copyTree(empty, dir);
        }
        return switch (row) {
            case SQLITE -> launcher.run(List.of(), "sqlite", dir, null, countClasses);
            case SQLITE_CACHED -> launcher.run(List.of(), "sqlite-cached", dir, null, countClasses);
            case JACKSON -> launcher.run(List.of(), "jackson", dir, null, countClasses);
            case MSGPACK -> launcher.run(List.of(), "msgpack", dir, null, countClasses);
            case NEW, EMPTY -> launcher.run(List.of(), "stint", dir, null, countClasses);
            case EMPTY_NO_CACHE -> launcher.run(List.of("-Dstint.sqliteNativeCache=false"), "stint", dir, null,
                    countClasses);
            case LOADED -> {
                copyTree(loaded, dir);
                yield launcher.run(List.of(), "stint", dir, firstId, countClasses);
            }
            case EMPTY_AOT -> aotFlags.isEmpty() ? Sample.failed("no AOT cache (training failed)")
                    : launcher.run(aotFlags, "stint", dir, null, countClasses);
        };
    }

    private static void printHeading(PrintStream out, Options o, Launcher launcher) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        out.println("Stint cold start: each sample a fresh JVM");
        out.printf(Locale.ROOT, "  date     %s%s%n", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                ZonedDateTime.now().withNano(0)), o.label.isEmpty() ? "" : "; " + o.label);
        out.printf(Locale.ROOT, "  machine  %d cores, %.1f GiB memory, load average %.2f at the end; %s %s%n",
                Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
                os.getSystemLoadAverage(), System.getProperty("os.name"), System.getProperty("os.version"));
        out.printf(Locale.ROOT, "  child    %s %s, flags: %s%n", launcher.java, Runtime.version(),
                String.join(" ", launcher.flags));
        out.printf(Locale.ROOT, "  samples  %d per row (after one discarded round), rows interleaved; library: %d "
                + "queued, %d history%n", o.samples, o.queued, o.history);
        out.println("  times    ms since the child JVM started (RuntimeMXBean start time): median / max");
        out.println("  over floor: median over rounds of (this row's open - the floor's open in the same round); "
                + "floor c = sqlite-cached, d = sqlite (driver's extraction)");
        out.println();
    }

    /** Copies a folder (one level: a library folder holds files only, and maybe a logs folder). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder: left for the OS
        }
    }

    /** One child JVM's figures, or why it failed. */
    record Sample(Map<String, String> figures, Classes classes, String failure) {
        static Sample failed(String why) {
            return new Sample(Map.of(), null, why);
        }

        double time(String key) {
            String v = figures.get(key);
            return v == null ? Double.NaN : Double.parseDouble(v);
        }
    }

    /** Classes loaded in a child, counted from its {@code -Xlog:class+load} lines. */
    record Classes(int total, int jdk, int stint, int sqlite, int jackson, int msgpack, int other) {
        static Classes of(List<String> lines) {
            int total = 0;
            int jdk = 0;
            int stint = 0;
            int sqlite = 0;
            int jackson = 0;
            int msgpack = 0;
            int other = 0;
            for (String line : lines) {
                int at = line.indexOf("[class,load] ");
                if (at < 0) {
                    continue;
                }
                total++;
                String name = line.substring(at + 13).split(" ", 2)[0];
                // by name, not by source: classes from an AOT cache or CDS archive say "shared objects file"
                if (name.startsWith("dev.stint.bench") || name.startsWith("org.slf4j")) {
                    other++;
                } else if (name.startsWith("dev.stint")) {
                    stint++;
                } else if (name.startsWith("org.sqlite")) {
                    sqlite++;
                } else if (name.startsWith("com.fasterxml")) {
                    jackson++;
                } else if (name.startsWith("org.msgpack")) {
                    msgpack++;
                } else {
                    jdk++;
                }
            }
            return new Classes(total, jdk, stint, sqlite, jackson, msgpack, other);
        }

        int app() {
            return stint + sqlite + jackson + msgpack + other;
        }
    }

    /** Starts child JVMs with this JVM's binary and flags and a class path of Stint and its dependencies. */
    static final class Launcher {
        final String java;
        final List<String> flags;
        final String classPath;
        private final PrintStream log;

        Launcher(List<String> extraFlags, PrintStream log) {
            this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> f = new ArrayList<>();
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                // the parent's own debugging and agent flags stay with the parent
                if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent") && !arg.startsWith("-Xlog")
                        && !arg.startsWith("-XX:AOTCache") && !arg.startsWith("-XX:AOTMode")) {
                    f.add(arg);
                }
            }
            f.addAll(extraFlags);
            this.flags = List.copyOf(f);
            this.classPath = appClassPath();
            this.log = log;
        }

        /**
         * Stint and the dependencies an app ships with it, found where this JVM loaded them from (so it works
         * from the command line and under a test runner's class path alike): never the peers' jars (JobRunr,
         * Quartz, ...), which a desktop app does not carry.
         */
        static String appClassPath() {
            List<String> kept = new ArrayList<>();
            for (String anchor : APP_CLASSES) {
                try {
                    Class<?> c = Class.forName(anchor, false, ColdStartBenchmark.class.getClassLoader());
                    var source = c.getProtectionDomain().getCodeSource();
                    if (source != null) {
                        String path = Path.of(source.getLocation().toURI()).toString();
                        if (!kept.contains(path)) {
                            kept.add(path);
                        }
                    }
                } catch (ClassNotFoundException | java.net.URISyntaxException | RuntimeException e) {
                    // not on this class path (slf4j-simple is runtime-only): the child goes without it
                }
            }
            return String.join(File.pathSeparator, kept);
        }

        Sample run(List<String> extra, String mode, Path dir, String firstId, boolean countClasses)
                throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(flags);
            cmd.addAll(extra);
            Path classLog = dir.resolveSibling(dir.getFileName() + ".classes");
            if (countClasses) {
                cmd.add("-Xlog:class+load=info:file=" + classLog);
            }
            cmd.add("-cp");
            cmd.add(classPath);
            cmd.add(ColdStartProbe.class.getName());
            cmd.add(mode);
            cmd.add(dir.toString());
            if (firstId != null) {
                cmd.add(firstId);
            }
            Path stderr = dir.resolveSibling(dir.getFileName() + ".err");
            Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Sample.failed(mode + ": timed out");
            }
            String errors = Files.exists(stderr) ? Files.readString(stderr) : "";
            Files.deleteIfExists(stderr);
            Classes classes = null;
            if (countClasses && Files.exists(classLog)) {
                classes = Classes.of(Files.readAllLines(classLog));
                Files.deleteIfExists(classLog);
            }
            String line = output.lines().filter(l -> l.startsWith(ColdStartProbe.RESULT)).findFirst().orElse(null);
            if (p.exitValue() != 0 || line == null) {
                log.printf("[coldstart] %s failed (exit %d): %s%n", mode, p.exitValue(), errors.strip());
                return Sample.failed(mode + ": exit " + p.exitValue() + " " + errors.lines().findFirst().orElse(""));
            }
            String unexpected = errors.lines().filter(l -> !JDK_WARNING.matcher(l).find()).toList().toString();
            if (!unexpected.equals("[]")) {
                // a library opened with no flags prints nothing: anything here besides the JDK's warning about
                // msgpack-core's use of sun.misc.Unsafe is worth seeing
                log.printf("[coldstart] %s wrote to stderr: %s%n", mode, unexpected);
            }
            Map<String, String> figures = new LinkedHashMap<>();
            for (String part : line.substring(ColdStartProbe.RESULT.length()).trim().split(" ")) {
                int eq = part.indexOf('=');
                figures.put(part.substring(0, eq), part.substring(eq + 1));
            }
            return new Sample(figures, classes, null);
        }
    }

    /** Fills a library once: history rows first (jobs run to completion), then queued jobs left unstarted. */
    static final class LibraryFiller {
        private LibraryFiller() {
        }

        /** Returns the id of the first queued job. */
        static String fill(Path dir, int queued, int history) {
            JobCatalog catalog = new ColdStartProbe.Catalog();
            if (history > 0) {
                try (Library lib = Library.builder(dir).catalog(catalog).useServiceLoader(false).open()) {
                    List<ColdStartProbe.ColdNoopJob> jobs = new ArrayList<>();
                    for (int i = 0; i < history; i++) {
                        jobs.add(new ColdStartProbe.ColdNoopJob());
                    }
                    lib.dispatchAll(jobs).forEach(h -> h.result().join());
                }
            }
            try (Library lib = Library.builder(dir).catalog(catalog).useServiceLoader(false).autoStart(false)
                    .open()) {
                String first = null;
                for (int from = 0; from < queued; from += 1000) {
                    List<ColdStartProbe.ColdNoopJob> jobs = new ArrayList<>();
                    for (int i = from; i < Math.min(queued, from + 1000); i++) {
                        jobs.add(new ColdStartProbe.ColdNoopJob());
                    }
                    var handles = lib.<Void>dispatchAll(jobs);
                    if (first == null && !handles.isEmpty()) {
                        first = handles.get(0).id();
                    }
                }
                return first;
            }
        }
    }

    /** Command-line options. */
    static final class Options {
        static final String USAGE = """
                usage: ColdStartBenchmark [options]
                  --samples=N        fresh JVMs per row (default 10), after one discarded round
                  --rows=LIST        comma-separated subset of: sqlite,sqlite-cached,jackson,msgpack,stint-new,
                                     stint-empty,stint-empty-nocache,stint-loaded,stint-empty-aot (default:
                                     all but stint-empty-aot; --aot adds it)
                  --aot              add the JDK 25 AOT-cache row (a training run first)
                  --queued=N         queued jobs in the prepared library (default 10000)
                  --history=N        history rows in the prepared library (default 1000)
                  --child-flags=F    extra JVM flags for every child, space-separated
                  --label=TEXT       printed in the heading (e.g. the git commit)
                  --dir=PATH         where the temporary files go (default java.io.tmpdir)
                  --help             this text""";

        boolean help;
        int samples = 10;
        int queued = 10_000;
        int history = 1_000;
        String label = "";
        List<String> childFlags = List.of();
        List<Row> rows = new ArrayList<>(List.of(Row.SQLITE, Row.SQLITE_CACHED, Row.JACKSON, Row.MSGPACK, Row.NEW,
                Row.EMPTY,
                Row.EMPTY_NO_CACHE, Row.LOADED));
        Path baseDir = Path.of(System.getProperty("java.io.tmpdir"));

        static Options parse(String[] args) {
            Options o = new Options();
            boolean aot = false;
            for (String arg : args) {
                String key = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
                switch (key) {
                    case "--help", "-h" -> o.help = true;
                    case "--aot" -> aot = true;
                    case "--samples" -> o.samples = positive(key, value, 1);
                    case "--queued" -> o.queued = positive(key, value, 0);
                    case "--history" -> o.history = positive(key, value, 0);
                    case "--label" -> o.label = require(key, value);
                    case "--dir" -> o.baseDir = Path.of(require(key, value));
                    case "--child-flags" -> o.childFlags = List.of(require(key, value).trim().split("\\s+"));
                    case "--rows" -> {
                        o.rows = new ArrayList<>();
                        for (String part : require(key, value).split(",")) {
                            if (!part.isBlank()) {
                                o.rows.add(Row.parse(part.trim().toLowerCase(Locale.ROOT)));
                            }
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (aot && !o.rows.contains(Row.EMPTY_AOT)) {
                o.rows.add(Row.EMPTY_AOT);
            }
            if (o.rows.contains(Row.EMPTY_AOT) && Runtime.version().feature() < 25) {
                throw new IllegalArgumentException("the AOT-cache row needs JDK 25 or newer (this is "
                        + Runtime.version() + ")");
            }
            o.rows.sort(Comparator.naturalOrder());
            return o;
        }

        private static int positive(String key, String value, int min) {
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

        private static String require(String key, String value) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(key + " needs a value: " + key + "=...");
            }
            return value;
        }
    }
}
