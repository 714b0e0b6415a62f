package dev.stint.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.ControlEndpointException;
import dev.stint.DispatchOptions;
import dev.stint.InvalidJobArgumentsException;
import dev.stint.JobCounts;
import dev.stint.JobInfo;
import dev.stint.JobNotFoundException;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.QueueInfo;
import dev.stint.RemoteEvent;
import dev.stint.RemoteLibrary;
import dev.stint.ScheduleInfo;
import dev.stint.StintInterruptedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The {@link RemoteLibrary} of stint core: the control API's client on {@code java.net.http}, mapping error
 * answers back to the exceptions {@link dev.stint.Library} throws ({@link ApiErrors}).
 */
public final class RemoteClient implements RemoteLibrary {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_PAGE_SIZE = 1000;

    private final URI uri;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JobJsonCodec jobs = new JobJsonCodec(mapper);
    private final ApiJson json = new ApiJson(mapper);
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();

    private RemoteClient(URI uri, String token) {
        this.uri = uri;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5))
                .proxy(java.net.ProxySelector.of(null)).build();
    }

    /**
     * The endpoint of the library in {@code libraryDir}, if its owner runs one: reads {@code control.json} and
     * {@code control.token} there. Empty when there is no {@code control.json}, when it is malformed, or when the
     * process it names is gone (a crashed owner's stale file). Does not contact the endpoint.
     *
     * @throws ControlEndpointException ({@code transport}) if the files exist but cannot be read (for example, they
     *     belong to another user)
     */
    public static Optional<RemoteLibrary> find(Path libraryDir) {
        Objects.requireNonNull(libraryDir, "libraryDir");
        try {
            return ControlFiles.read(libraryDir)
                    .map(a -> new RemoteClient(URI.create("http://127.0.0.1:" + a.port()), a.token()));
        } catch (IOException e) {
            throw new ControlEndpointException("transport", 0, "cannot read the control files in " + libraryDir
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * A client of the endpoint at {@code uri} ({@code http://127.0.0.1:PORT}) with {@code token}. Prefer
     * {@link #find}; this is for callers that got both another way.
     *
     * @throws IllegalArgumentException if {@code uri} is not an {@code http} URI on a loopback host
     */
    public static RemoteLibrary connect(URI uri, String token) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(token, "token");
        if (!"http".equals(uri.getScheme()) || !("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()))
                || uri.getPort() < 1) {
            throw new IllegalArgumentException("a control endpoint is http://127.0.0.1:PORT, not " + uri);
        }
        return new RemoteClient(URI.create("http://" + uri.getHost() + ":" + uri.getPort()), token);
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public JobInfo dispatch(String name, String jsonArguments, DispatchOptions options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        JsonNode arguments;
        try {
            arguments = jsonArguments == null || jsonArguments.isBlank() ? mapper.createObjectNode()
                    : mapper.readTree(jsonArguments);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidJobArgumentsException(name, "not JSON: " + e.getOriginalMessage(), e);
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("name", name);
        body.set("arguments", arguments);
        body.set("options", json.options(options));
        return jobs.fromJson(call("POST", "/v1/jobs", body, null, name));
    }

    @Override
    public JobInfo dispatch(String name, String jsonArguments) {
        return dispatch(name, jsonArguments, DispatchOptions.defaults());
    }

    @Override
    public Optional<JobInfo> job(String id) {
        try {
            return Optional.of(jobs.fromJson(call("GET", "/v1/jobs/" + segment(id), null, id, null)));
        } catch (JobNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<JobInfo> query(JobQuery query) {
        if (query.createdFrom() != null || query.createdTo() != null || query.afterCreatedAt() != null) {
            throw new IllegalArgumentException("a remote query takes status, name, queue, parent and a page;"
                    + " not creation times or after()");
        }
        if (query.limit() > MAX_PAGE_SIZE || query.offset() % query.limit() != 0) {
            throw new IllegalArgumentException("a remote query's page is at most " + MAX_PAGE_SIZE
                    + " jobs, at an offset that is a whole number of pages");
        }
        StringJoiner q = new StringJoiner("&", "?", "");
        Set<JobStatus> statuses = query.statuses();
        if (!statuses.equals(EnumSet.allOf(JobStatus.class))) {
            q.add("status=" + String.join(",", statuses.stream().map(JobStatus::wireName).toList()));
        }
        if (query.name() != null) {
            q.add("name=" + encode(query.name()));
        }
        if (query.queue() != null) {
            q.add("queue=" + encode(query.queue()));
        }
        if (query.parentId() != null) {
            q.add("parent=" + encode(query.parentId()));
        }
        q.add("page=" + query.offset() / query.limit());
        q.add("size=" + query.limit());
        JsonNode answer = call("GET", "/v1/jobs" + q, null, null, null);
        List<JobInfo> list = new ArrayList<>();
        answer.path("jobs").forEach(j -> list.add(jobs.fromJson(j)));
        return list;
    }

    @Override
    public JobCounts counts() {
        return json.countsFrom(call("GET", "/v1/counts", null, null, null));
    }

    @Override
    public JobInfo pause(String id) {
        return jobs.fromJson(call("POST", "/v1/jobs/" + segment(id) + "/pause", null, id, null));
    }

    @Override
    public JobInfo resume(String id) {
        return jobs.fromJson(call("POST", "/v1/jobs/" + segment(id) + "/resume", null, id, null));
    }

    @Override
    public JobInfo cancel(String id) {
        return jobs.fromJson(call("POST", "/v1/jobs/" + segment(id) + "/cancel", null, id, null));
    }

    @Override
    public JobInfo retry(String id) {
        return jobs.fromJson(call("POST", "/v1/jobs/" + segment(id) + "/retry", null, id, null));
    }

    @Override
    public QueueInfo pauseQueue(String name) {
        return json.queueFrom(call("POST", "/v1/queues/" + segment(name) + "/pause", null, null, name));
    }

    @Override
    public QueueInfo resumeQueue(String name) {
        return json.queueFrom(call("POST", "/v1/queues/" + segment(name) + "/resume", null, null, name));
    }

    @Override
    public List<QueueInfo> queues() {
        List<QueueInfo> list = new ArrayList<>();
        call("GET", "/v1/queues", null, null, null).path("queues").forEach(q -> list.add(json.queueFrom(q)));
        return list;
    }

    @Override
    public List<ScheduleInfo> schedules() {
        List<ScheduleInfo> list = new ArrayList<>();
        call("GET", "/v1/schedules", null, null, null).path("schedules")
                .forEach(s -> list.add(json.scheduleFrom(s)));
        return list;
    }

    /**
     * A single-use link into the endpoint's dashboard, valid for 60 seconds: opening it in a browser signs that
     * browser in (a session cookie) and shows the dashboard. The link grants nothing once used, so it may show in
     * a browser's history.
     */
    @Override
    public DashboardTicket dashboardTicket() {
        JsonNode answer = call("POST", "/v1/dashboard/ticket", null, null, null);
        return new DashboardTicket(answer.path("ticket").asText(), URI.create(answer.path("url").asText()));
    }

    @Override
    public EventStream events(Consumer<RemoteEvent> consumer) {
        return open(null, consumer);
    }

    @Override
    public EventStream events(long lastEventId, Consumer<RemoteEvent> consumer) {
        return open(lastEventId, consumer);
    }

    private RemoteLibrary.EventStream open(Long lastEventId, Consumer<RemoteEvent> consumer) {
        Objects.requireNonNull(consumer, "consumer");
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
        Stream stream = new Stream(response.body());
        streams.add(stream);
        Thread.ofVirtual().name("stint-remote-events").start(() -> {
            try {
                stream.read(consumer);
                stream.ended.complete(null);
            } catch (IOException e) {
                stream.ended.completeExceptionally(stream.closed ? new java.util.concurrent.CancellationException()
                        : new ControlEndpointException("transport", 0, "the event stream of " + uri + " ended: "
                                + e.getMessage(), e));
            } catch (RuntimeException e) {
                stream.ended.completeExceptionally(stream.closed ? new java.util.concurrent.CancellationException()
                        : e);
            } finally {
                streams.remove(stream);
            }
        });
        return stream;
    }

    /** Stops every event stream and releases the client's connections. */
    @Override
    public void close() {
        streams.forEach(Stream::close);
        http.shutdownNow();
    }

    /** An open event stream. */
    private final class Stream implements RemoteLibrary.EventStream {
        private final InputStream body;
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private volatile boolean closed;

        private Stream(InputStream body) {
            this.body = body;
        }

        @Override
        public CompletableFuture<Void> ended() {
            return ended;
        }

        @Override
        public void close() {
            closed = true;
            try {
                body.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        private void read(Consumer<RemoteEvent> consumer) throws IOException {
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String id = null;
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while (!closed && (line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (event != null && id != null) {
                        consumer.accept(event(Long.parseLong(id), event, data.toString()));
                    }
                    id = null;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).strip());
                }
            }
        }
    }

    private RemoteEvent event(long id, String kind, String data) throws IOException {
        if (kind.equals("reset")) {
            return new RemoteEvent(id, RemoteEvent.Kind.RESET, null, null, null, null, null);
        }
        JsonNode o = mapper.readTree(data);
        return new RemoteEvent(id, kind.equals("progress") ? RemoteEvent.Kind.PROGRESS : RemoteEvent.Kind.STATUS,
                o.path("jobId").asText(), o.path("name").asText(), JobStatus.fromWireName(o.path("status").asText()),
                jobs.progressFrom(o.get("progress")), Instant.ofEpochMilli(o.path("at").asLong()));
    }

    private JsonNode call(String method, String path, JsonNode body, String jobId, String subject) {
        HttpRequest.Builder request = request(path).timeout(CALL_TIMEOUT);
        if (body != null) {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        } else {
            request.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(new byte[0]));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
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

    private ControlEndpointException transport(Throwable e) {
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

    private static String segment(String value) {
        Objects.requireNonNull(value);
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RemoteLibrary[" + uri + "]";
    }
}
