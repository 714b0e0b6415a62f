package dev.stint.bench.control;

import dev.stint.ControlEndpoint;
import dev.stint.DispatchOptions;
import dev.stint.Library;
import dev.stint.bench.BenchCatalog;
import dev.stint.bench.BenchJobs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one request of each kind costs on an idle library (50 queued jobs, 10,000 finished): one client, one call
 * after another, time per call, with the endpoint's pace lifted.
 * Command: {@code java --enable-native-access=ALL-UNNAMED -cp "bench/target/stint-bench.jar:bench/target/lib/*" dev.stint.bench.control.RouteCost}
 */
public final class RouteCost {
    private RouteCost() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.getInteger("calls", 5_000);
        Path root = Files.createTempDirectory("stint-route-cost");
        try (Library library = Library.builder(root.resolve("lib")).catalog(new BenchCatalog()).useServiceLoader(false)
                .queue("held", 1).controlEndpoint(ControlEndpoint.loopback().withMaxRequestsPerSecond(1_000_000))
                .open()) {
            library.pauseQueue("held");
            List<String> targets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                targets.add(library.dispatch(new BenchJobs.NoopJob(i), DispatchOptions.defaults().withQueue("held"))
                        .id());
            }
            List<dev.stint.Job<?>> done = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                done.add(new BenchJobs.NoopJob(i));
            }
            library.dispatchAll(done, DispatchOptions.defaults());
            library.awaitIdle(Duration.ofMinutes(1));
            String token = Files.readString(library.dir().resolve("control.token")).strip();
            URI base = library.controlUri().orElseThrow();
            try (HttpClient http = HttpClient.newHttpClient()) {
                for (String path : List.of("/v1/jobs?status=queued,running&size=20", "/v1/counts",
                        "/v1/jobs/" + targets.get(0), "/v1/library", "/v1/nothing")) {
                    for (int round = 0; round < 2; round++) {
                        long t0 = System.nanoTime();
                        for (int i = 0; i < calls; i++) {
                            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                                    .header("Authorization", "Bearer " + token).GET().build();
                            http.send(request, HttpResponse.BodyHandlers.discarding());
                        }
                        if (round == 1) {
                            System.out.printf(Locale.ROOT, "%-45s %8.1f us/call%n", path,
                                    (System.nanoTime() - t0) / 1e3 / calls);
                        }
                    }
                }
            }
        }
    }
}
