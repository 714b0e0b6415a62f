package dev.stint.bench.control;

import dev.stint.ControlEndpoint;
import dev.stint.DispatchOptions;
import dev.stint.Job;
import dev.stint.JobEvent;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Subscription;
import dev.stint.bench.BenchCatalog;
import dev.stint.bench.BenchJobs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The control endpoint under load: the engine's throughput (10,000 no-op jobs) and idle dispatch-to-start
 * latency, alone and while 1,000 local clients (virtual threads; {@code -Dseparate=true}: in a JVM of their own)
 * loop without pause over queries, counts, job reads, event streams and control calls (pause and resume of queued
 * jobs, checked in jobs.db afterwards). After a warm-up of both, rounds alone and loaded in turn; medians.
 * {@code -Drate=N} sets the endpoint's pace, {@code -Dclients}, {@code -Drounds}, {@code -Dthink} (ms between a
 * client's calls) and {@code -DstreamPercent} the load. Command:
 * {@code java --enable-native-access=ALL-UNNAMED -cp "bench/target/stint-bench.jar:bench/target/lib/*" dev.stint.bench.control.ControlLoadBenchmark}
 */
public final class ControlLoadBenchmark {
    private static final int JOBS = Integer.getInteger("jobs", 10_000);
    private static final int ROUNDS = Integer.getInteger("rounds", 5);
    private static final int LATENCY_SAMPLES = Integer.getInteger("latencySamples", 500);
    /** The endpoint with its default pace, or {@code -Drate=N} requests a second. */
    private static final ControlEndpoint ENDPOINT = ControlEndpoint.loopback().withMaxRequestsPerSecond(
            Integer.getInteger("rate", ControlEndpoint.loopback().maxRequestsPerSecond()));

    private ControlLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("stint-control-load");
        try (Library library = Library.builder(root.resolve("lib")).catalog(new BenchCatalog()).useServiceLoader(false)
                .concurrency(4).queue("held", 1).controlEndpoint(ENDPOINT).open()) {
            // jobs the clients pause and resume: in a paused queue, so they stay queued or paused
            library.pauseQueue("held");
            List<String> targets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                targets.add(library.dispatch(new BenchJobs.NoopJob(i), DispatchOptions.defaults().withQueue("held"))
                        .id());
            }
            String token = Files.readString(library.dir().resolve("control.token")).strip();
            URI base = library.controlUri().orElseThrow();
            double[] alone = new double[ROUNDS];
            double[] loaded = new double[ROUNDS];
            // every round's dispatch-to-start samples, pooled: the percentiles of all of them, not a median of
            // per-round percentiles (a sub-millisecond median moves by a tenth of a millisecond between rounds)
            double[][] aloneLatency = new double[ROUNDS][];
            double[][] loadedLatency = new double[ROUNDS][];
            LoadClients totals = new LoadClients(base, token, targets, 0, 0, Duration.ZERO);
            try (Clients clients = Clients.create(base, token, targets)) {
                // warm-up: the engine alone, then under load, so that neither side is measured while the JIT compiles
                throughput(library);
                latency(library);
                clients.start();
                throughput(library);
                latency(library);
                clients.stop();
                for (int round = 0; round < ROUNDS; round++) {
                    // alone and loaded in turn, so that drift of the machine falls on both
                    alone[round] = throughput(library);
                    aloneLatency[round] = latency(library);
                    clients.start();
                    loaded[round] = throughput(library);
                    loadedLatency[round] = latency(library);
                    LoadClients load = clients.stop();
                    totals.add(load);
                    System.out.printf(Locale.ROOT, "round %d: %d answered, %d failed%n", round + 1, load.ok.sum(),
                            load.failed.sum());
                    System.out.printf(Locale.ROOT, "round %d: %.0f / %.0f jobs/s, p50 %.3f / %.3f ms, p99 %.3f / %.3f"
                            + " ms%n", round + 1, alone[round], loaded[round], percentile(aloneLatency[round], 50),
                            percentile(loadedLatency[round], 50), percentile(aloneLatency[round], 99),
                            percentile(loadedLatency[round], 99));
                }
            }
            double a = median(alone);
            double l = median(loaded);
            double[] pooledAlone = pooled(aloneLatency);
            double[] pooledLoaded = pooled(loadedLatency);
            double[] al = {percentile(pooledAlone, 50), percentile(pooledAlone, 99)};
            double[] ll = {percentile(pooledLoaded, 50), percentile(pooledLoaded, 99)};
            System.out.printf(Locale.ROOT, "%-40s %12s %12s %8s   (median of %d rounds)%n", "", "alone",
                    Clients.COUNT + (Clients.SEPARATE ? " clients*" : " clients"), "ratio", ROUNDS);
            if (Clients.SEPARATE) {
                System.out.println("(* in a JVM of their own)");
            }
            double[] ratios = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                ratios[round] = loaded[round] / alone[round];
            }
            System.out.printf(Locale.ROOT, "%-40s %12.0f %12.0f %8.2f   (median of the rounds' ratios: %.2f)%n",
                    "no-op jobs/s (" + JOBS + ")", a, l, l / a, median(ratios));
            System.out.printf(Locale.ROOT, "%-40s %12.3f %12.3f %8.2f%n", "idle dispatch-to-start p50 (ms, pooled)",
                    al[0], ll[0], ll[0] / al[0]);
            System.out.printf(Locale.ROOT, "%-40s %12.3f %12.3f %8.2f%n", "idle dispatch-to-start p99 (ms, pooled)",
                    al[1], ll[1], ll[1] / al[1]);
            LoadClients load = totals;
            System.out.printf(Locale.ROOT, "requests answered: %d (429 over the pace: %d, 429 streams all taken: %d,"
                    + " 503: %d), failed: %d, event streams: %d, control calls: %d%n", load.ok.sum(),
                    load.tooMany.sum(), load.streamsRefused.sum(), load.unavailable.sum(), load.failed.sum(),
                    load.streams.sum(), load.controls.sum());
            load.failures.forEach(f -> System.out.println("failure: " + f));
            // every control call is in jobs.db: each target's last answered call decides its status
            int wrong = 0;
            for (Map.Entry<String, String> last : load.lastCall.entrySet()) {
                JobStatus status = library.job(last.getKey()).orElseThrow().status();
                JobStatus want = last.getValue().equals("pause") ? JobStatus.PAUSED : JobStatus.QUEUED;
                if (status != want) {
                    wrong++;
                }
            }
            System.out.printf(Locale.ROOT, "control targets whose stored status is not their last call: %d of %d%n",
                    wrong, load.lastCall.size());
        }
    }

    private static double throughput(Library library) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(JOBS);
        try (Subscription s = library.subscribe(e -> {
            if (e instanceof JobEvent.StatusChanged c && c.to() == JobStatus.COMPLETED) {
                done.countDown();
            }
        })) {
            long t0 = System.nanoTime();
            for (int from = 0; from < JOBS; from += 1_000) {
                List<Job<?>> jobs = new ArrayList<>();
                for (int i = from; i < Math.min(JOBS, from + 1_000); i++) {
                    jobs.add(new BenchJobs.NoopJob(i));
                }
                library.dispatchAll(jobs, DispatchOptions.defaults());
            }
            done.await();
            return JOBS / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** Dispatch-to-start of single jobs on an idle engine, ms, one per job. */
    private static double[] latency(Library library) throws InterruptedException {
        double[] samples = new double[LATENCY_SAMPLES];
        for (int i = 0; i < LATENCY_SAMPLES; i++) {
            // one job at a time and nothing else runs (the clients' targets sit in a paused queue): the first
            // "running" event after the dispatch is this job's, even if it comes before dispatch() returns
            CountDownLatch started = new CountDownLatch(1);
            long[] at = new long[1];
            try (Subscription s = library.subscribe(e -> {
                if (e instanceof JobEvent.StatusChanged c && c.to() == JobStatus.RUNNING && started.getCount() == 1) {
                    at[0] = System.nanoTime();
                    started.countDown();
                }
            })) {
                long t0 = System.nanoTime();
                library.dispatch(new BenchJobs.NoopJob(i));
                started.await();
                samples[i] = (at[0] - t0) / 1e6;
            }
            library.awaitIdle(Duration.ofSeconds(10));
        }
        return samples;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double[] pooled(double[][] rounds) {
        return Arrays.stream(rounds).flatMapToDouble(Arrays::stream).toArray();
    }

    /** The {@code p}th percentile (nearest rank) of {@code samples}. */
    private static double percentile(double[] samples, int p) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
