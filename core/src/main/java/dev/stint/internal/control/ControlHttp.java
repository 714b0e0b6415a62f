package dev.stint.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.ControlEndpointException;
import dev.stint.StintInterruptedException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client's transport: one {@code java.net.http} client for one endpoint, the token on every request, and an
 * answer that is not a success turned into the exception {@link dev.stint.Library} would throw ({@link ApiErrors})
 * or a {@link ControlEndpointException}.
 */
final class ControlHttp implements AutoCloseable {
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final URI uri;
    private final String token;
    private final ObjectMapper mapper;
    private final HttpClient http;

    ControlHttp(URI uri, String token, ObjectMapper mapper) {
        this.uri = uri;
        this.token = token;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5))
                .proxy(java.net.ProxySelector.of(null)).build();
    }

    URI uri() {
        return uri;
    }

    /** Opens the event stream ({@code Last-Event-ID} when {@code lastEventId} is not null); its body, once it answered 200. */
    InputStream openEvents(Long lastEventId) {
        HttpRequest.Builder request = request("/v1/events").header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        HttpResponse<InputStream> response;
        try {
            response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StintInterruptedException("interrupted while opening an event stream", e);
        } catch (ExecutionException | TimeoutException e) {
            throw transport(e.getCause() != null ? e.getCause() : e);
        }
        if (response.statusCode() != 200) {
            try (InputStream in = response.body()) {
                throw failure(response.statusCode(), in.readNBytes(64 * 1024), null, null);
            } catch (IOException e) {
                throw transport(e);
            }
        }
        return response.body();
    }

    JsonNode call(String method, String path, JsonNode body, String jobId, String subject) {
        HttpRequest.Builder request = request(path).timeout(CALL_TIMEOUT);
        if (body != null) {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        } else {
            request.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(new byte[0]));
        }
        HttpResponse<byte[]> response;
        long giveUpAt = System.nanoTime() + CALL_TIMEOUT.toNanos();
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            // refused before anything was done (over the endpoint's pace, or every handler busy): ask again when
            // the endpoint says, for as long as a call may take
            for (long wait = retryAfter(response); wait > 0 && System.nanoTime() + wait < giveUpAt;
                    wait = retryAfter(response)) {
                TimeUnit.NANOSECONDS.sleep(wait);
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            }
        } catch (IOException e) {
            throw transport(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StintInterruptedException("interrupted while waiting for the control endpoint", e);
        }
        if (response.statusCode() >= 300) {
            throw failure(response.statusCode(), response.body(), jobId, subject);
        }
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new ControlEndpointException("bad_response", response.statusCode(), "the control endpoint's answer"
                    + " is not JSON", e);
        }
    }

    /** How long a {@code 429} with {@code Retry-After} (whole seconds) asks to wait, in ns; 0 for any other answer. */
    private static long retryAfter(HttpResponse<?> response) {
        if (response.statusCode() != 429) {
            return 0;
        }
        try {
            return response.headers().firstValue("Retry-After").map(v -> TimeUnit.SECONDS.toNanos(
                    Math.clamp(Long.parseLong(v.strip()), 0, 60))).orElse(0L);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private RuntimeException failure(int status, byte[] body, String jobId, String subject) {
        String code;
        String message;
        try {
            JsonNode error = mapper.readTree(body).path("error");
            code = error.path("code").asText(null);
            message = error.path("message").asText(null);
        } catch (IOException e) {
            code = null;
            message = null;
        }
        if (code == null) {
            return new ControlEndpointException("bad_response", status, "the control endpoint answered " + status
                    + " without an error code", null);
        }
        return ApiErrors.toException(code, status, message, jobId, subject);
    }

    ControlEndpointException transport(Throwable e) {
        return new ControlEndpointException("transport", 0, "cannot reach the control endpoint at " + uri + ": "
                + e, e);
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Releases the client's connections. */
    @Override
    public void close() {
        http.shutdownNow();
    }
}
