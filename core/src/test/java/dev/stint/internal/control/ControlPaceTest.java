package dev.stint.internal.control;

import static dev.stint.internal.control.ControlFixtures.code;
import static dev.stint.internal.control.ControlFixtures.http;
import static dev.stint.internal.control.ControlFixtures.json;
import static dev.stint.internal.control.ControlFixtures.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.ControlEndpoint;
import dev.stint.DispatchOptions;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.RemoteLibrary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint's pace and its shared reads, through real HTTP on a real library. */
class ControlPaceTest {
    @TempDir
    Path dir;

    @Test
    void beyond_the_pace_a_request_that_may_not_wait_long_enough_gets_429_with_retry_after_and_nothing_changes()
            throws Exception {
        ControlLimits limits = ControlLimits.of(ControlEndpoint.loopback()).withPace(1, Duration.ofMillis(200));
        try (Library library = ControlFixtures.open(dir);
                ControlServer server = ControlServer.start(library, limits, 0, Map.of(), Optional.empty())) {
            library.pauseQueue("imports");
            String id = library.dispatch("test.count", "{\"to\":1}", DispatchOptions.defaults().withQueue("imports"))
                    .id();
            HttpClient http = http();
            URI base = server.uri();
            // a second's worth saved up (one) and the slot due now: two go at once; the third is a second away
            assertThat(send(http, base, "GET", "/v1/counts", server.token(), null).statusCode()).isEqualTo(200);
            assertThat(send(http, base, "GET", "/v1/counts", server.token(), null).statusCode()).isEqualTo(200);
            HttpResponse<String> refused = send(http, base, "POST", "/v1/jobs/" + id + "/pause", server.token(), null);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(code(refused)).isEqualTo("too_many_requests");
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(library.job(id).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
            // a request that may wait for its turn gets it
            ControlLimits patient = limits.withPace(1, Duration.ofSeconds(5));
            try (ControlServer second = ControlServer.start(library, patient, 0, Map.of(), Optional.empty())) {
                for (int i = 0; i < 2; i++) {
                    send(http, second.uri(), "GET", "/v1/counts", second.token(), null);
                }
                HttpResponse<String> waited = send(http, second.uri(), "POST", "/v1/jobs/" + id + "/pause",
                        second.token(), null);
                assertThat(waited.statusCode()).isEqualTo(200);
                assertThat(json(waited).path("status").asText()).isEqualTo("paused");
            }
        }
    }

    @Test
    void remote_library_asks_again_when_a_refusal_says_when_and_the_call_is_done_once() throws Exception {
        ControlLimits limits = ControlLimits.of(ControlEndpoint.loopback()).withPace(1, Duration.ofMillis(200));
        try (Library library = ControlFixtures.open(dir);
                ControlServer server = ControlServer.start(library, limits, 0, Map.of(), Optional.empty());
                RemoteLibrary remote = RemoteLibrary.connect(server.uri(), server.token())) {
            library.pauseQueue("imports");
            String id = library.dispatch("test.count", "{\"to\":1}", DispatchOptions.defaults().withQueue("imports"))
                    .id();
            remote.counts();
            remote.counts();
            // over the pace for longer than the server lets it wait: refused with Retry-After 1, asked again
            remote.pause(id);
            assertThat(library.job(id).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
            assertThat(ControlFixtures.statusInDb(dir, id)).isEqualTo("paused");
        }
    }

    @Test
    void reads_shared_by_many_clients_always_show_a_control_call_made_before_them() throws Exception {
        try (Library library = ControlFixtures.open(dir)) {
            library.pauseQueue("imports");
            String id = library.dispatch("test.count", "{\"to\":1}", DispatchOptions.defaults().withQueue("imports"))
                    .id();
            URI base = library.controlUri().orElseThrow();
            String token = ControlFixtures.token(dir);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger answered = new AtomicInteger();
            HttpClient http = http();
            try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
                // 20 clients read the same job as fast as they can: their reads are shared
                for (int c = 0; c < 20; c++) {
                    readers.submit(() -> {
                        while (!stop.get()) {
                            if (send(http, base, "GET", "/v1/jobs/" + id, token, null).statusCode() == 200) {
                                answered.incrementAndGet();
                            }
                        }
                        return null;
                    });
                }
                for (int i = 0; i < 20; i++) {
                    String verb = i % 2 == 0 ? "pause" : "resume";
                    String want = i % 2 == 0 ? "paused" : "queued";
                    assertThat(send(http, base, "POST", "/v1/jobs/" + id + "/" + verb, token, null).statusCode())
                            .isEqualTo(200);
                    // the same key the 20 are reading: this read starts after the call, so it sees it
                    assertThat(json(send(http, base, "GET", "/v1/jobs/" + id, token, null)).path("status").asText())
                            .as("read after %s", verb).isEqualTo(want);
                }
                stop.set(true);
            }
            assertThat(answered.get()).isPositive();
        }
    }
}
