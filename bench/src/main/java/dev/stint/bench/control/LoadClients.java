package dev.stint.bench.control;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.LongAdder;

/**
 * The control benchmark's clients in one JVM: each a virtual thread that loops over a mix of calls (60% job
 * pages, 20% counts, 10% single jobs, 5% event streams, 5% pause/resume of its own target job) until stopped or
 * its {@code calls} are done, pausing a random {@code 0..2×think} between calls ({@code think} 0: no pause).
 */
final class LoadClients {
    /** Percent of calls that open an event stream (default 5); the rest of the first 10% are job pages. */
    static final int STREAM_PERCENT = Integer.getInteger("streamPercent", 5);
    final LongAdder ok = new LongAdder();
    final LongAdder tooMany = new LongAdder();
    final LongAdder unavailable = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder streams = new LongAdder();
    /** Streams refused because as many as the endpoint allows were open (429s counted apart from the rest). */
    final LongAdder streamsRefused = new LongAdder();
    final LongAdder controls = new LongAdder();
    /** The first few failures, for the report. */
    final java.util.Set<String> failures = ConcurrentHashMap.newKeySet();
    /** Per target job, the last pause or resume its client got an answer to. */
    final Map<String, String> lastCall = new ConcurrentHashMap<>();

    private final URI base;
    private final String token;
    private final List<String> targets;
    private final int clients;
    private final int calls;
    private final Duration think;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final java.util.Set<InputStream> openStreams = ConcurrentHashMap.newKeySet();
    private final CountDownLatch answeredOnce;
    /** The clients' threads and HTTP client, from {@link #start()} on (none for a tally of other rounds' counts). */
    private ExecutorService threads;
    private HttpClient http;

    LoadClients(URI base, String token, List<String> targets, int clients, int calls, Duration think) {
        this.base = base;
        this.token = token;
        this.targets = targets;
        this.clients = clients;
        this.calls = calls;
        this.think = think;
        this.answeredOnce = new CountDownLatch(clients);
    }

    /** Starts every client; returns once each has had its first answer (the load is then in its steady state). */
    void start() throws InterruptedException {
        threads = Executors.newVirtualThreadPerTaskExecutor();
        http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(10)).build();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.submit(() -> loop(client));
        }
        answeredOnce.await(60, TimeUnit.SECONDS);
    }

    /** Tells the clients to stop and waits for them. */
    void stop() throws InterruptedException {
        stop.set(true);
        // a client may be reading an event stream that has nothing to say: end those (never a control call,
        // whose answer decides what jobs.db must hold)
        openStreams.forEach(in -> {
            try {
                in.close();
            } catch (java.io.IOException e) {
                // closing anyway
            }
        });
        threads.shutdown();
        threads.awaitTermination(60, TimeUnit.SECONDS);
        http.close();
    }

    /** Adds {@code other}'s counts and last calls to these (rounds in order: later calls win). */
    void add(LoadClients other) {
        ok.add(other.ok.sum());
        tooMany.add(other.tooMany.sum());
        unavailable.add(other.unavailable.sum());
        failed.add(other.failed.sum());
        streams.add(other.streams.sum());
        streamsRefused.add(other.streamsRefused.sum());
        controls.add(other.controls.sum());
        lastCall.putAll(other.lastCall);
        failures.addAll(other.failures);
    }

    /** One line of counts, then a line per target: what a child JVM tells its parent. */
    String report() {
        StringBuilder out = new StringBuilder("COUNTS " + ok.sum() + " " + tooMany.sum() + " " + unavailable.sum()
                + " " + failed.sum() + " " + streams.sum() + " " + controls.sum() + " " + streamsRefused.sum() + "\n");
        lastCall.forEach((id, verb) -> out.append("LAST ").append(id).append(' ').append(verb).append('\n'));
        failures.forEach(f -> out.append("FAILURE ").append(f.replace('\n', ' ')).append('\n'));
        return out.append("END\n").toString();
    }

    /** Reads {@link #report()}'s lines back. */
    void addReport(List<String> lines) {
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f[0].equals("COUNTS")) {
                ok.add(Long.parseLong(f[1]));
                tooMany.add(Long.parseLong(f[2]));
                unavailable.add(Long.parseLong(f[3]));
                failed.add(Long.parseLong(f[4]));
                streams.add(Long.parseLong(f[5]));
                controls.add(Long.parseLong(f[6]));
                streamsRefused.add(Long.parseLong(f[7]));
            } else if (f[0].equals("FAILURE")) {
                failures.add(line.substring("FAILURE ".length()));
            } else if (f[0].equals("LAST")) {
                lastCall.put(f[1], f[2]);
            }
        }
    }

    private void loop(int client) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // one target per client at most, so that its last call decides the stored status
        String target = client < targets.size() ? targets.get(client) : null;
        boolean first = true;
        for (int call = 0; call < calls && !stop.get(); call++) {
            if (call > 0 && !think.isZero()) {
                LockSupport.parkNanos(random.nextLong(2 * think.toNanos()));
            }
            int r = random.nextInt(100);
            try {
                if (r < 5 && target == null) {
                    send("GET", "/v1/jobs?status=queued,running&size=20"); // clients without a target job
                } else if (r < 5) {
                    String verb = random.nextBoolean() ? "pause" : "resume";
                    if (send("POST", "/v1/jobs/" + target + "/" + verb)) {
                        lastCall.put(target, verb);
                        controls.increment();
                    }
                } else if (r < 5 + STREAM_PERCENT) {
                    stream();
                } else if (r < 70) {
                    send("GET", "/v1/jobs?status=queued,running&size=20");
                } else if (r < 90) {
                    send("GET", "/v1/counts");
                } else {
                    send("GET", "/v1/jobs/" + targets.get(random.nextInt(targets.size())));
                }
            } catch (Exception e) {
                if (!stop.get() || !(e instanceof java.io.IOException)) {
                    failed.increment();
                    if (failures.size() < 5) {
                        failures.add(e.toString());
                    }
                }
            }
            if (first) {
                first = false;
                answeredOnce.countDown();
            }
        }
        if (first) {
            answeredOnce.countDown();
        }
    }

    private boolean send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        return counted(response.statusCode());
    }

    private boolean counted(int code) {
        if (code == 429) {
            tooMany.increment();
            return false;
        }
        if (code == 503) {
            unavailable.increment();
            return false;
        }
        if (code >= 400) {
            failed.increment();
            if (failures.size() < 5) {
                failures.add("HTTP " + code);
            }
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
        try (InputStream in = response.body()) {
            if (response.statusCode() == 429) {
                streamsRefused.increment();
                return;
            }
            if (!counted(response.statusCode())) {
                return;
            }
            openStreams.add(in);
            if (stop.get()) {
                return;
            }
            in.readNBytes(256);
        } finally {
            openStreams.remove(response.body());
        }
        streams.increment();
    }
}
