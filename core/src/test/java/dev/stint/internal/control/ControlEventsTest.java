package dev.stint.internal.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.ControlEndpoint;
import dev.stint.ControlEndpointException;
import dev.stint.JobEvent;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Progress;
import dev.stint.RemoteEvent;
import dev.stint.RemoteLibrary;
import dev.stint.jobs.SlowJob;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /v1/events: status and progress of running jobs, resumption with Last-Event-ID, caps, slow clients. */
class ControlEventsTest {
    @TempDir
    Path dir;

    @Test
    void a_stream_delivers_status_and_progress_of_a_running_job_and_resumes_after_an_id() throws Exception {
        try (Library library = ControlFixtures.open(dir); RemoteLibrary remote = RemoteLibrary.find(dir).orElseThrow()) {
            BlockingQueue<RemoteEvent> seen = new LinkedBlockingQueue<>();
            RemoteLibrary.EventStream stream = remote.events(seen::add);
            SlowJob.prepare("events");
            String id = library.dispatch("test.slow", "{\"gate\":\"events\",\"steps\":3}").id();
            assertThat(SlowJob.awaitReached("events")).isTrue();
            SlowJob.open("events");
            List<RemoteEvent> events = until(seen, e -> e.kind() == RemoteEvent.Kind.STATUS
                    && e.status() == JobStatus.COMPLETED);
            stream.close();
            assertThat(events).allSatisfy(e -> {
                assertThat(e.jobId()).isEqualTo(id);
                assertThat(e.jobName()).isEqualTo("test.slow");
                assertThat(e.at()).isNotNull();
            });
            assertThat(events).filteredOn(e -> e.kind() == RemoteEvent.Kind.STATUS).extracting(RemoteEvent::status)
                    .contains(JobStatus.RUNNING, JobStatus.COMPLETED);
            assertThat(events).filteredOn(e -> e.kind() == RemoteEvent.Kind.PROGRESS).last()
                    .satisfies(e -> assertThat(e.progress()).isEqualTo(new Progress.Count(3, 3)));
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).id()).isEqualTo(events.get(i - 1).id() + 1);
            }
            // resume after the second event: the rest again, the same ids in the same order
            BlockingQueue<RemoteEvent> resumed = new LinkedBlockingQueue<>();
            try (RemoteLibrary.EventStream again = remote.events(events.get(1).id(), resumed::add)) {
                List<RemoteEvent> rest = until(resumed, e -> e.id() == events.get(events.size() - 1).id());
                assertThat(rest).isEqualTo(events.subList(2, events.size()));
            }
            // an id this endpoint never gave out starts with a reset
            BlockingQueue<RemoteEvent> future = new LinkedBlockingQueue<>();
            try (RemoteLibrary.EventStream reset = remote.events(1_000_000, future::add)) {
                RemoteEvent first = future.poll(10, TimeUnit.SECONDS);
                assertThat(first).isNotNull();
                assertThat(first.kind()).isEqualTo(RemoteEvent.Kind.RESET);
                assertThat(first.id()).isEqualTo(events.get(events.size() - 1).id());
            }
        }
    }

    @Test
    void an_id_older_than_the_kept_history_starts_with_a_reset() throws Exception {
        try (Library library = plain(dir);
                ControlServer server = ControlServer.start(library, ControlLimits.of(ControlEndpoint.loopback())
                        .withEvents(64, 4), 0, Map.of(), Optional.empty());
                RemoteLibrary remote = RemoteLibrary.connect(server.uri(), server.token())) {
            // three jobs run: at least six status events (running, completed), four of them kept
            for (int i = 0; i < 3; i++) {
                library.dispatch("test.count", "{\"to\":1}");
            }
            assertThat(library.awaitIdle(Duration.ofSeconds(20))).isTrue();
            BlockingQueue<RemoteEvent> late = new LinkedBlockingQueue<>();
            try (RemoteLibrary.EventStream stream = remote.events(1, late::add)) {
                RemoteEvent first = late.poll(10, TimeUnit.SECONDS);
                assertThat(first.kind()).isEqualTo(RemoteEvent.Kind.RESET);
            }
        }
    }

    @Test
    void the_wire_form_has_ids_event_names_json_data_and_keep_alive_comments() throws Exception {
        try (Library library = plain(dir);
                ControlServer server = ControlServer.start(library, ControlLimits.of(ControlEndpoint.loopback())
                        .withDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(10),
                                Duration.ofMillis(50)), 0, Map.of(), Optional.empty());
                HttpClient http = ControlFixtures.http()) {
            HttpRequest unauthorized = HttpRequest.newBuilder(server.uri().resolve("/v1/events")).GET().build();
            assertThat(http.send(unauthorized, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/v1/events"))
                    .header("Authorization", "Bearer " + server.token()).GET().build();
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            try (Stream<String> lines = response.body()) {
                Iterator<String> it = lines.iterator();
                assertThat(it.next()).isEqualTo("retry: 2000");
                boolean keepAlive = false;
                while (!keepAlive) {
                    keepAlive = it.next().equals(": keep-alive");
                }
                String id = library.dispatch("test.count", "{\"to\":1}").id();
                String line = it.next();
                while (!line.startsWith("id: ")) {
                    line = it.next();
                }
                assertThat(line).isEqualTo("id: 1");
                assertThat(it.next()).isEqualTo("event: status");
                String data = it.next();
                assertThat(data).startsWith("data: {");
                var json = ControlFixtures.MAPPER.readTree(data.substring(6));
                assertThat(json.path("jobId").asText()).isEqualTo(id);
                assertThat(json.path("name").asText()).isEqualTo("test.count");
                assertThat(json.path("status").asText()).isIn("queued", "running");
                assertThat(json.has("progress")).isTrue();
                assertThat(json.path("at").asLong()).isPositive();
            }
        }
    }

    @Test
    void event_streams_are_capped_and_end_when_the_library_closes() throws Exception {
        Library library = ControlFixtures.builder(dir).controlEndpoint(ControlEndpoint.loopback().withMaxEventStreams(1))
                .open();
        try (RemoteLibrary remote = RemoteLibrary.find(dir).orElseThrow()) {
            RemoteLibrary.EventStream first = remote.events(e -> { });
            assertThatThrownBy(() -> remote.events(e -> { })).isInstanceOf(ControlEndpointException.class)
                    .satisfies(e -> assertThat(((ControlEndpointException) e).code()).isEqualTo("too_many_requests"));
            library.close();
            assertThatThrownBy(() -> first.ended().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ControlEndpointException.class);
        } finally {
            library.close();
        }
    }

    @Test
    void a_client_that_stops_reading_is_dropped_and_the_engine_goes_on() throws Exception {
        int jobs = 2000;
        try (Library library = plain(dir);
                ControlServer server = ControlServer.start(library, ControlLimits.of(ControlEndpoint.loopback())
                        .withEvents(4, 10_000), 0, Map.of(), Optional.empty());
                java.net.Socket reader = new java.net.Socket()) {
            reader.setReceiveBufferSize(1024);
            reader.connect(new java.net.InetSocketAddress("127.0.0.1", server.uri().getPort()));
            reader.getOutputStream().write(("GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1:" + server.uri().getPort()
                    + "\r\nAuthorization: Bearer " + server.token() + "\r\n\r\n").getBytes(
                            java.nio.charset.StandardCharsets.US_ASCII));
            // wait for the stream's head, then read no more
            java.io.InputStream in = reader.getInputStream();
            byte[] head = new byte[16];
            assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(16);
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(jobs);
            library.subscribe(e -> {
                if (e instanceof JobEvent.StatusChanged c && c.to() == JobStatus.COMPLETED) {
                    done.countDown();
                }
            });
            for (int i = 0; i < jobs; i++) {
                library.dispatch("test.count", "{\"to\":1}");
            }
            // the engine never waits for the stream
            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
            // and the stream was cut: reading on finds the end after what the buffers held
            reader.setSoTimeout(20_000);
            boolean ended;
            try {
                while (in.read(new byte[8192]) >= 0) {
                    // drain what was sent before the drop
                }
                ended = true;
            } catch (java.net.SocketException reset) {
                ended = true;
            }
            assertThat(ended).isTrue();
        }
    }

    @Test
    void a_stream_too_far_behind_is_dropped_and_never_waited_for() throws Exception {
        EventLog log = new EventLog(100, 2, () -> 42L, e -> "{}");
        AtomicInteger dropped = new AtomicInteger();
        EventLog.Reader stuck = new EventLog.Reader() {
            @Override
            public long cursor() {
                return 0;
            }

            @Override
            public void drop() {
                dropped.incrementAndGet();
            }
        };
        long[] at = {0};
        EventLog.Reader keeping = new EventLog.Reader() {
            @Override
            public long cursor() {
                return at[0];
            }

            @Override
            public void drop() {
                throw new AssertionError("a stream that keeps up is not dropped");
            }
        };
        assertThat(log.open(null, stuck).cursor()).isZero();
        log.open(null, keeping);
        for (int i = 0; i < 3; i++) {
            log.onEvent(new JobEvent.ProgressUpdated("j", "n", new Progress.Count(i, 3)));
            at[0] = i + 1;
        }
        // the third event put the stuck stream 3 behind: dropped at once, by the event thread, without waiting
        assertThat(dropped).hasValue(1);
        assertThat(log.awaitAfter(0, 0)).isTrue();
        assertThat(log.after(0, 10)).extracting(EventLog.Entry::id).containsExactly(1L, 2L, 3L);
        assertThat(log.after(0, 10)).extracting(EventLog.Entry::data).containsOnly("{}");
        assertThat(log.after(3, 10)).isEmpty();
        // the ring keeps the last 100 for resumption
        EventLog.Opening opening = log.open(1L, keeping);
        assertThat(opening.reset()).isFalse();
        assertThat(log.after(opening.cursor(), 10)).extracting(EventLog.Entry::id).containsExactly(2L, 3L);
        for (int i = 0; i < 200; i++) {
            log.onEvent(new JobEvent.ProgressUpdated("j", "n", new Progress.Count(i, 200)));
            at[0] = log.nextId() - 1;
        }
        // a cursor whose next event is no longer kept reads nothing: its stream ends (and resumes with a reset)
        assertThat(log.after(3, 10)).isNull();
        assertThat(log.open(3L, keeping).reset()).isTrue();
    }

    @Test
    void a_closing_server_first_writes_the_events_that_came_before_the_close() throws Exception {
        try (Library library = plain(dir)) {
            ControlServer server = ControlServer.start(library, ControlLimits.of(ControlEndpoint.loopback()), 0,
                    Map.of(), Optional.empty());
            try (RemoteLibrary remote = RemoteLibrary.connect(server.uri(), server.token())) {
                library.pauseQueue("default");
                String id = library.dispatch("test.count", "{\"to\":1}").id();
                BlockingQueue<RemoteEvent> seen = new LinkedBlockingQueue<>();
                RemoteLibrary.EventStream stream = remote.events(seen::add);
                // a listener after the server's: once it has the event, so has the endpoint's log
                java.util.concurrent.CountDownLatch delivered = new java.util.concurrent.CountDownLatch(1);
                library.subscribe(e -> {
                    if (e instanceof JobEvent.StatusChanged c && c.to() == JobStatus.PAUSED) {
                        delivered.countDown();
                    }
                });
                library.dispatch("test.count", "{\"to\":1}"); // a write just before: the next one gathers a moment
                library.pause(id);
                assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
                server.close(); // at once: the stream may still be gathering its next batch
                assertThatThrownBy(() -> stream.ended().get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(ControlEndpointException.class);
                assertThat(seen).anySatisfy(e -> {
                    assertThat(e.jobId()).isEqualTo(id);
                    assertThat(e.status()).isEqualTo(JobStatus.PAUSED);
                });
            } finally {
                server.close();
            }
        }
    }

    private static Library plain(Path dir) {
        return Library.builder(dir).catalog(dev.stint.jobs.TestCatalog.all()).useServiceLoader(false)
                .progressInterval(Duration.ofMillis(20)).powerSafe(false).open();
    }

    /** Takes events until one matches (inclusive); fails after 20 s without one. */
    private static List<RemoteEvent> until(BlockingQueue<RemoteEvent> queue,
            java.util.function.Predicate<RemoteEvent> last) throws InterruptedException {
        List<RemoteEvent> taken = new ArrayList<>();
        while (true) {
            RemoteEvent e = queue.poll(20, TimeUnit.SECONDS);
            assertThat(e).as("an event within 20 s; so far %s", taken).isNotNull();
            taken.add(e);
            if (last.test(e)) {
                return taken;
            }
        }
    }
}
