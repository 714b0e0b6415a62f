package dev.stint.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.ControlEndpoint;
import dev.stint.Library;
import dev.stint.RemoteLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slowloris: many clients that send their request a byte at a time, or nothing at all, hold no handler and do
 * not keep a normal request waiting; each is dropped when its request deadline passes.
 */
class ControlSlowClientTest {
    private static final int SLOW_CLIENTS = 60;

    @TempDir
    Path dir;

    @Test
    void slow_and_silent_clients_do_not_block_a_normal_request_and_are_dropped_at_their_deadline() throws Exception {
        ControlLimits limits = ControlLimits.of(ControlEndpoint.loopback().withMaxConcurrentRequests(2))
                .withDeadlines(Duration.ofSeconds(4), Duration.ofSeconds(60), Duration.ofSeconds(10),
                        Duration.ofSeconds(15));
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        List<Socket> slow = new ArrayList<>();
        try (Library library = Library.builder(dir).catalog(dev.stint.jobs.TestCatalog.all()).useServiceLoader(false)
                .open();
                ControlServer server = ControlServer.start(library, limits, 0, Map.of(), Optional.empty());
                RemoteLibrary remote = RemoteLibrary.connect(server.uri(), server.token())) {
            int port = server.uri().getPort();
            byte[] request = ("GET /v1/counts HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Slow: "
                    + "a".repeat(4000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            List<ScheduledFuture<?>> writers = new ArrayList<>();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.setSoTimeout(30_000);
                slow.add(s);
                if (i % 2 == 0) {
                    continue; // half of them send nothing at all
                }
                OutputStream out = s.getOutputStream();
                int[] next = {0};
                writers.add(trickle.scheduleAtFixedRate(() -> {
                    try {
                        out.write(request[next[0]++]);
                        out.flush();
                    } catch (IOException | ArrayIndexOutOfBoundsException e) {
                        throw new IllegalStateException("stop", e); // ends this writer
                    }
                }, 0, 100, TimeUnit.MILLISECONDS));
            }
            long start = System.nanoTime();
            assertThat(remote.queues()).isNotEmpty();
            assertThat(remote.counts()).isNotNull();
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // answered while every slow client was still connected and holding its request open
            assertThat(server.openConnections()).isGreaterThanOrEqualTo(SLOW_CLIENTS);
            assertThat(tookMillis).isLessThan(limits.requestDeadline().toMillis());

            // each slow client is cut off at its deadline: its socket reads end of stream (or a reset)
            List<CompletableFuture<Boolean>> cutOff = new ArrayList<>();
            for (Socket s : slow) {
                cutOff.add(CompletableFuture.supplyAsync(() -> endsWithoutAnswer(s)));
            }
            CompletableFuture.allOf(cutOff.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(cutOff).allSatisfy(f -> assertThat(f.join()).isTrue());
            writers.forEach(w -> w.cancel(false));
            assertThat(remote.counts()).isNotNull();
        } finally {
            trickle.shutdownNow();
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    /** Whether the server closed the connection without sending a byte of an answer. */
    private static boolean endsWithoutAnswer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            return in.read() < 0;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }
}
