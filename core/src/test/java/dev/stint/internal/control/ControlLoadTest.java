package dev.stint.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.DispatchOptions;
import dev.stint.JobEvent;
import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.RemoteEvent;
import dev.stint.RemoteLibrary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients at once (system property {@code stint.control.loadClients}, default 200; issue 17 names 1,000)
 * mixing queries, event streams and control calls while jobs run. Every client runs a bounded loop and stops by
 * itself. No request is lost (each gets its answer, none is refused), and every control call is in jobs.db.
 */
class ControlLoadTest {
    private static final int CLIENTS = Integer.getInteger("stint.control.loadClients", 200);
    private static final int ROUNDS = 3;
    private static final int CLIENTS_PER_HTTP_CLIENT = 10;
    private static final int ENGINE_JOBS = 500;
    /** One client in this many also holds an event stream: at most 50, under the default cap of 64. */
    private static final int STREAM_EVERY = Math.max(10, (CLIENTS + 49) / 50);

    @TempDir
    Path dir;

    @Test
    void many_clients_mixing_queries_streams_and_control_calls_lose_nothing() throws Exception {
        try (Library library = ControlFixtures.open(dir)) {
            CountDownLatch engineJobsDone = new CountDownLatch(ENGINE_JOBS);
            library.subscribe(e -> {
                if (e instanceof JobEvent.StatusChanged s && s.to() == JobStatus.COMPLETED) {
                    engineJobsDone.countDown();
                }
            });
            for (int i = 0; i < ENGINE_JOBS; i++) {
                library.dispatch("test.count", "{\"to\":200,\"checkpointEvery\":50}");
            }
            List<RemoteLibrary> remotes = new ArrayList<>();
            for (int i = 0; i < (CLIENTS + CLIENTS_PER_HTTP_CLIENT - 1) / CLIENTS_PER_HTTP_CLIENT; i++) {
                remotes.add(RemoteLibrary.find(dir).orElseThrow());
            }
            Map<String, String> expected = new ConcurrentHashMap<>();
            AtomicInteger calls = new AtomicInteger();
            AtomicInteger events = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> clients = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    RemoteLibrary remote = remotes.get(client / CLIENTS_PER_HTTP_CLIENT);
                    clients.add(threads.submit(() -> {
                        start.await();
                        RemoteLibrary.EventStream stream = client % STREAM_EVERY == 0
                                ? remote.events(e -> count(events, e)) : null;
                        for (int round = 0; round < ROUNDS; round++) {
                            String initiator = "client-" + client;
                            JobInfo queued = remote.dispatch("test.count", "{\"to\":5}", DispatchOptions.defaults()
                                    .withInitiator(initiator).withDelay(Duration.ofHours(1)));
                            calls.incrementAndGet();
                            switch (round % 3) {
                                case 0 -> {
                                    remote.pause(queued.id());
                                    expected.put(queued.id(), "paused");
                                }
                                case 1 -> {
                                    remote.cancel(queued.id());
                                    expected.put(queued.id(), "cancelled");
                                }
                                default -> expected.put(queued.id(), "queued");
                            }
                            calls.incrementAndGet();
                            assertThat(remote.query(JobQuery.all().withStatus(JobStatus.RUNNING).page(0, 20)))
                                    .hasSizeLessThanOrEqualTo(20);
                            assertThat(remote.job(queued.id())).isPresent();
                            assertThat(remote.counts()).isNotNull();
                            calls.addAndGet(3);
                        }
                        if (stream != null) {
                            stream.close();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : clients) {
                    f.get(5, TimeUnit.MINUTES); // a refused or lost request fails its client with an exception
                }
            } finally {
                remotes.forEach(RemoteLibrary::close);
            }
            assertThat(calls.get()).isEqualTo(CLIENTS * ROUNDS * 5);
            assertThat(expected).hasSize(CLIENTS * ROUNDS);
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertThat(ControlFixtures.statusInDb(dir, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(ControlFixtures.rows(dir, "initiator LIKE 'client-%'")).isEqualTo(CLIENTS * ROUNDS);
            assertThat(events.get()).isPositive();
            // the engine kept running its own jobs throughout
            assertThat(engineJobsDone.await(2, TimeUnit.MINUTES)).isTrue();
            assertThat(library.counts().of(JobStatus.COMPLETED)).isEqualTo(ENGINE_JOBS);
        }
    }

    private static void count(AtomicInteger events, RemoteEvent e) {
        events.incrementAndGet();
    }
}
