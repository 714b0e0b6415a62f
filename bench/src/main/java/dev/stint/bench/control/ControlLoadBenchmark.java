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
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The control endpoint under load: the engine's throughput (10,000 no-op jobs) and idle dispatch-to-start
 * latency, alone and while 1,000 local clients (virtual threads) loop over queries, counts, job reads, event
 * streams and control calls (pause and resume of queued jobs, checked in jobs.db afterwards). Command:
 * {@code java --enable-native-access=ALL-UNNAMED -cp "bench/target/stint-bench.jar:bench/target/lib/*" dev.stint.bench.control.ControlLoadBenchmark}
 */
public final class ControlLoadBenchmark {
    private static final int JOBS = Integer.getInteger("jobs", 10_000);
    private static final int CLIENTS = Integer.getInteger("clients", 1_000);
    private static final int LATENCY_SAMPLES = 200;

    private ControlLoadBenchmark() {
    }

    /** {@code -Dseparate=true}: the clients run in a child JVM. */
    private static final boolean SEPARATE = Boolean.getBoolean("separate");

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("--clients")) {
            // the child of a separate run: the clients alone, until killed
            Load load = new Load(URI.create(args[1]), args[2], List.of(args[3].split(",")));
            load.start();
            System.out.println("CLIENTS STARTED");
            System.out.flush();
            new CountDownLatch(1).await();
            return;
        }
        Path root = Files.createTempDirectory("stint-control-load");
        try (Library library = Library.builder(root.resolve("lib")).catalog(new BenchCatalog()).useServiceLoader(false)
                .concurrency(4).queue("held", 1).controlEndpoint(ControlEndpoint.loopback()).open()) {
            // jobs the clients pause and resume: in a paused queue, so they stay queued or paused
            library.pauseQueue("held");
            List<String> targets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                targets.add(library.dispatch(new BenchJobs.NoopJob(i), DispatchOptions.defaults().withQueue("held")).id());
            }
            throughput(library); // warm-up
            latency(library);
            double alone = throughput(library);
            double[] aloneLatency = latency(library);

            String token = Files.readString(library.dir().resolve("control.token")).strip();
            URI base = library.controlUri().orElseThrow();
            Load load = new Load(base, token, targets);
            Process child = null;
            if (SEPARATE) {
                // the clients in a JVM of their own: their cost is the machine's, not the engine's JVM's
                child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                        System.getProperty("java.class.path"), ControlLoadBenchmark.class.getName(), "--clients",
                        base.toString(), token, String.join(",", targets))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                // the child says when its clients have all started
                new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream())).readLine();
            } else {
                load.start();
            }
            double loaded = throughput(library);
            double[] loadedLatency = latency(library);
            if (child != null) {
                child.destroy();
                child.waitFor();
            } else {
                load.stop();
            }

            System.out.printf(Locale.ROOT, "%-40s %12s %12s %8s%n", "", "alone",
                    CLIENTS + (SEPARATE ? " clients*" : " clients"), "ratio");
            if (SEPARATE) {
                System.out.println("(* in a separate JVM: its request counts are not shown here)");
            }
            System.out.printf(Locale.ROOT, "%-40s %12.0f %12.0f %8.2f%n", "no-op jobs/s (" + JOBS + ")", alone, loaded,
                    loaded / alone);
            System.out.printf(Locale.ROOT, "%-40s %12.3f %12.3f %8.2f%n", "idle dispatch-to-start p50 (ms)",
                    aloneLatency[0], loadedLatency[0], loadedLatency[0] / aloneLatency[0]);
            System.out.printf(Locale.ROOT, "%-40s %12.3f %12.3f %8.2f%n", "idle dispatch-to-start p99 (ms)",
                    aloneLatency[1], loadedLatency[1], loadedLatency[1] / aloneLatency[1]);
            System.out.printf(Locale.ROOT, "requests answered: %d (429/503 refusals: %d), failed: %d, event streams: %d,"
                    + " control calls: %d%n", load.ok.sum(), load.refused.sum(), load.failed.sum(), load.streams.sum(),
                    load.controls.sum());
            // every control call is in jobs.db: each client's last call on a target decides its status
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

    /** Dispatch-to-start of single jobs on an idle engine: p50 and p99 in ms. */
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
        Arrays.sort(samples);
        return new double[] {samples[LATENCY_SAMPLES / 2], samples[(int) (LATENCY_SAMPLES * 0.99) - 1]};
    }

    /** The clients: each loops until stopped over a mix of calls. */
    private static final class Load {
        final URI base;
        final String token;
        final List<String> targets;
        final AtomicBoolean stop = new AtomicBoolean();
        final LongAdder ok = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder streams = new LongAdder();
        final LongAdder controls = new LongAdder();
        final Map<String, String> lastCall = new ConcurrentHashMap<>();
        final AtomicLong controlSeq = new AtomicLong();
        final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(10)).build();

        Load(URI base, String token, List<String> targets) {
            this.base = base;
            this.token = token;
            this.targets = targets;
        }

        void start() {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                threads.submit(() -> loop(client));
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            threads.shutdown();
            threads.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        }

        private void loop(int client) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            // one target per client at most, so that its last call decides the stored status
            String target = client < targets.size() ? targets.get(client) : null;
            while (!stop.get()) {
                int r = random.nextInt(100);
                try {
                    if (r < 5 && target != null) {
                        String verb = random.nextBoolean() ? "pause" : "resume";
                        synchronized (this) {
                            controlSeq.incrementAndGet();
                        }
                        if (send("POST", "/v1/jobs/" + target + "/" + verb)) {
                            lastCall.put(target, verb);
                            controls.increment();
                        }
                    } else if (r < 10) {
                        stream();
                    } else if (r < 70) {
                        send("GET", "/v1/jobs?status=queued,running&size=20");
                    } else if (r < 90) {
                        send("GET", "/v1/counts");
                    } else {
                        send("GET", "/v1/jobs/" + targets.get(random.nextInt(targets.size())));
                    }
                } catch (Exception e) {
                    failed.increment();
                }
            }
        }

        private boolean send(String method, String path) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            if (code == 429 || code == 503) {
                refused.increment();
                return false;
            }
            if (code >= 400) {
                failed.increment();
                return false;
            }
            ok.increment();
            return true;
        }

        /** Opens the event stream, reads a little of it, closes it. */
        private void stream() throws Exception {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/events")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 429 || response.statusCode() == 503) {
                refused.increment();
                response.body().close();
                return;
            }
            try (InputStream in = response.body()) {
                in.readNBytes(256);
            }
            streams.increment();
        }
    }
}
