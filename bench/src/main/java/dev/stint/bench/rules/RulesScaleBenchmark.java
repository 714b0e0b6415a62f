package dev.stint.bench.rules;

import dev.stint.DispatchOptions;
import dev.stint.Job;
import dev.stint.Library;
import dev.stint.Resource;
import dev.stint.bench.BenchCatalog;
import dev.stint.bench.BenchJobs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Run rules at scale: 100,000 queued jobs blocked on one folder (held by a running job), and beside them a
 * stream of plain jobs. Measures, against the same library without the blocked jobs: the scheduler's claim
 * passes (Flight Recorder's {@code dev.stint.ClaimPass} durations), the plain jobs' throughput, the open time
 * and the heap after open. Command:
 * {@code java --enable-native-access=ALL-UNNAMED -cp "bench/target/stint-bench.jar:bench/target/lib/*" dev.stint.bench.rules.RulesScaleBenchmark}
 */
public final class RulesScaleBenchmark {
    private static final int BLOCKED = Integer.getInteger("blocked", 100_000);
    private static final int PLAIN = Integer.getInteger("plain", 20_000);

    private RulesScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("stint-rules-scale");
        System.out.printf(Locale.ROOT, "%-34s %12s %12s%n", "", "no blocked", BLOCKED + " blocked");
        run(root.resolve("warm-up"), 1_000); // JIT: the first library of a JVM runs slower
        Result without = run(root.resolve("without"), 0);
        Result with = run(root.resolve("with"), BLOCKED);
        Result withoutAgain = run(root.resolve("without-again"), 0);
        System.out.println("(the library without blocked jobs ran before and after the one with them; the later run:)");
        without = withoutAgain;
        row("claim pass p50 (ms)", without.passP50, with.passP50);
        row("claim pass p99 (ms)", without.passP99, with.passP99);
        row("claim pass max (ms)", without.passMax, with.passMax);
        row("claim passes", without.passes, with.passes);
        row("plain jobs/s beside them", without.plainPerSecond, with.plainPerSecond);
        row("open (ms)", without.openMillis, with.openMillis);
        row("heap after open (MB)", without.heapMb, with.heapMb);
        row("dispatch of the blocked (ms)", 0, with.dispatchMillis);
        row("pass claiming nothing p50 (ms)", without.emptyP50, with.emptyP50);
        row("pass claiming nothing p99 (ms)", without.emptyP99, with.emptyP99);
    }

    private record Result(double passP50, double passP99, double passMax, double passes, double plainPerSecond,
            double openMillis, double heapMb, double dispatchMillis, double emptyP50, double emptyP99) {
    }

    private static Result run(Path dir, int blocked) throws Exception {
        Path shared = dir.resolve("shared");
        DispatchOptions writer = DispatchOptions.defaults().withResources(Resource.path(shared, Resource.Mode.WRITE));
        BenchJobs.HolderJob.RELEASE = new java.util.concurrent.CountDownLatch(1);
        double dispatchMillis = 0;
        try (Library library = open(dir)) {
            library.dispatch(new BenchJobs.HolderJob(), writer);
            if (blocked > 0) {
                long t0 = System.nanoTime();
                for (int from = 0; from < blocked; from += 10_000) {
                    List<Job<?>> jobs = new ArrayList<>();
                    for (int i = from; i < Math.min(blocked, from + 10_000); i++) {
                        jobs.add(new BenchJobs.NoopJob(i));
                    }
                    library.dispatchAll(jobs, writer);
                }
                dispatchMillis = (System.nanoTime() - t0) / 1e6;
            }
        }
        // reopened: the open time and heap with the blocked jobs stored; the holder starts again and holds the folder
        System.gc();
        long t0 = System.nanoTime();
        Library library = open(dir);
        double openMillis = (System.nanoTime() - t0) / 1e6;
        System.gc();
        double heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
        Path jfr = dir.resolve("passes.jfr");
        double[] passes;
        double perSecond;
        try (Recording recording = new Recording()) {
            recording.enable("dev.stint.ClaimPass").withThreshold(Duration.ZERO);
            recording.start();
            long s0 = System.nanoTime();
            List<Job<?>> plain = new ArrayList<>();
            for (int i = 0; i < PLAIN; i++) {
                plain.add(new BenchJobs.NoopJob(i));
            }
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(PLAIN);
            try (var sub = library.subscribe(e -> {
                if (e instanceof dev.stint.JobEvent.StatusChanged c && c.to() == dev.stint.JobStatus.COMPLETED) {
                    done.countDown();
                }
            })) {
                library.dispatchAll(plain, DispatchOptions.defaults());
                done.await();
            }
            perSecond = PLAIN / ((System.nanoTime() - s0) / 1e9);
            recording.stop();
            recording.dump(jfr);
            passes = durations(jfr);
        }
        // passes that claim nothing: single dispatches into a paused queue, each with the claim of its own write
        double[] empty;
        library.pauseQueue("parked");
        Path jfr2 = dir.resolve("empty.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.stint.ClaimPass").withThreshold(Duration.ZERO);
            recording.start();
            for (int i = 0; i < 2_000; i++) {
                library.dispatch(new BenchJobs.NoopJob(i), DispatchOptions.defaults().withQueue("parked"));
            }
            recording.stop();
            recording.dump(jfr2);
            empty = durations(jfr2);
        }
        BenchJobs.HolderJob.RELEASE.countDown();
        library.close();
        Arrays.sort(passes);
        Arrays.sort(empty);
        return new Result(percentile(passes, 0.5), percentile(passes, 0.99), passes.length == 0 ? 0 : passes[passes.length - 1],
                passes.length, perSecond, openMillis, heapMb, dispatchMillis, percentile(empty, 0.5),
                percentile(empty, 0.99));
    }

    private static Library open(Path dir) {
        return Library.builder(dir).catalog(new BenchCatalog()).useServiceLoader(false).concurrency(4).queue("parked", 1)
                .open();
    }

    private static double[] durations(Path jfr) throws IOException {
        List<Double> out = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getEventType().getName().equals("dev.stint.ClaimPass")) {
                out.add(e.getDuration().toNanos() / 1e6);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void row(String name, double a, double b) {
        System.out.printf(Locale.ROOT, "%-34s %12.3f %12.3f%n", name, a, b);
    }
}
