package dev.stint.wasm.bench;

import dev.stint.Library;
import dev.stint.wasm.WasmExtensions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Engine;

/**
 * Measures {@code demo-wasm:count} end to end through a library (dispatch, run, result), on whatever
 * runtime the JVM was launched with: interpreted on a stock JDK, or compiled when the Graal compiler is on
 * the upgrade module path with JVMCI enabled (see {@code extensions-wasm/bench.sh} and
 * {@code docs/extensions.md}).
 *
 * <p>Two workloads: "spin" (100M iterations of the module's busy loop: compute-bound) and "host calls"
 * (1M numbers, each calling {@code interrupted} and {@code progress_count}: host-call-bound).
 *
 * <p>Arguments: {@code [runs] [spinIterations] [hostCallNumbers]}, defaults 6, 100000000, 1000000.
 */
public final class CountBenchmark {
    private CountBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        long spinTotal = args.length > 1 ? Long.parseLong(args[1]) : 100_000_000L;
        long hostNumbers = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000L;
        String runtime;
        try (Engine e = Engine.newBuilder("wasm").option("engine.WarnInterpreterOnly", "false").build()) {
            runtime = e.getImplementationName();
        }
        System.out.printf(Locale.ROOT, "runtime: %s; java %s; %d processors%n", runtime,
                Runtime.version(), Runtime.getRuntime().availableProcessors());

        Path dir = Files.createTempDirectory("stint-wasm-bench");
        WasmExtensions extensions = WasmExtensions.discover(dir);
        try (Library library = Library.builder(dir).catalog(extensions.catalog()).powerSafe(false)
                .shutdownTimeout(Duration.ofSeconds(5)).open()) {
            long numbers = 1000;
            String spin = "{\"to\": " + numbers + ", \"checkpointEvery\": 100, \"spin\": " + spinTotal / numbers + "}";
            String host = "{\"to\": " + hostNumbers + ", \"checkpointEvery\": 0, \"spin\": 0}";
            measure(library, "spin " + spinTotal / 1_000_000 + "M iterations", spin, runs, spinTotal, "iterations");
            measure(library, "host calls " + hostNumbers / 1000 + "k numbers", host, runs, hostNumbers * 2, "host calls");
        }
    }

    private static void measure(Library library, String label, String args, int runs, long units, String unitName)
            throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            library.dispatch("demo-wasm:count", args).result().get(30, TimeUnit.MINUTES);
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        List<Long> steady = new ArrayList<>(millis.subList(runs / 2, runs));
        Collections.sort(steady);
        long median = steady.get(steady.size() / 2);
        System.out.printf(Locale.ROOT, "%-28s runs (ms): %s; steady-state median %d ms (%.1f M %s/s)%n", label, millis,
                median, units / 1e3 / Math.max(1, median), unitName);
    }
}
