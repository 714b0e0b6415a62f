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
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The {@link RemoteLibrary} of stint core: the control API's client on {@code java.net.http}, mapping error
 * answers back to the exceptions {@link dev.stint.Library} throws ({@link ApiErrors}).
 */
public final class RemoteClient implements RemoteLibrary {
    private static final int MAX_PAGE_SIZE = 1000;

    private final ObjectMapper mapper = new ObjectMapper();
    private final ControlHttp transport;
    private final JobJsonCodec jobs = new JobJsonCodec(mapper);
    private final ApiJson json = new ApiJson(mapper);
    private final Set<RemoteEventStream> streams = ConcurrentHashMap.newKeySet();

    private RemoteClient(URI uri, String token) {
        this.transport = new ControlHttp(uri, token, mapper);
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
        return transport.uri();
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
        return jobs.fromJson(transport.call("POST", "/v1/jobs", body, null, name));
    }

    @Override
    public JobInfo dispatch(String name, String jsonArguments) {
        return dispatch(name, jsonArguments, DispatchOptions.defaults());
    }

    @Override
    public Optional<JobInfo> job(String id) {
        try {
            return Optional.of(jobs.fromJson(transport.call("GET", "/v1/jobs/" + segment(id), null, id, null)));
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
        JsonNode answer = transport.call("GET", "/v1/jobs" + q, null, null, null);
        List<JobInfo> list = new ArrayList<>();
        answer.path("jobs").forEach(j -> list.add(jobs.fromJson(j)));
        return list;
    }

    @Override
    public JobCounts counts() {
        return json.countsFrom(transport.call("GET", "/v1/counts", null, null, null));
    }

    @Override
    public JobInfo pause(String id) {
        return jobs.fromJson(transport.call("POST", "/v1/jobs/" + segment(id) + "/pause", null, id, null));
    }

    @Override
    public JobInfo resume(String id) {
        return jobs.fromJson(transport.call("POST", "/v1/jobs/" + segment(id) + "/resume", null, id, null));
    }

    @Override
    public JobInfo cancel(String id) {
        return jobs.fromJson(transport.call("POST", "/v1/jobs/" + segment(id) + "/cancel", null, id, null));
    }

    @Override
    public JobInfo retry(String id) {
        return jobs.fromJson(transport.call("POST", "/v1/jobs/" + segment(id) + "/retry", null, id, null));
    }

    @Override
    public int pauseTag(String tag) {
        return transport.call("POST", "/v1/tags/" + segment(tag) + "/pause", null, null, tag).path("jobs").asInt();
    }

    @Override
    public int resumeTag(String tag) {
        return transport.call("POST", "/v1/tags/" + segment(tag) + "/resume", null, null, tag).path("jobs").asInt();
    }

    @Override
    public int cancelTag(String tag) {
        return transport.call("POST", "/v1/tags/" + segment(tag) + "/cancel", null, null, tag).path("jobs").asInt();
    }

    @Override
    public QueueInfo pauseQueue(String name) {
        return json.queueFrom(transport.call("POST", "/v1/queues/" + segment(name) + "/pause", null, null, name));
    }

    @Override
    public QueueInfo resumeQueue(String name) {
        return json.queueFrom(transport.call("POST", "/v1/queues/" + segment(name) + "/resume", null, null, name));
    }

    @Override
    public List<QueueInfo> queues() {
        List<QueueInfo> list = new ArrayList<>();
        transport.call("GET", "/v1/queues", null, null, null).path("queues").forEach(q -> list.add(json.queueFrom(q)));
        return list;
    }

    @Override
    public List<ScheduleInfo> schedules() {
        List<ScheduleInfo> list = new ArrayList<>();
        transport.call("GET", "/v1/schedules", null, null, null).path("schedules")
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
        JsonNode answer = transport.call("POST", "/v1/dashboard/ticket", null, null, null);
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
        InputStream body = transport.openEvents(lastEventId);
        RemoteEventStream[] stream = new RemoteEventStream[1];
        stream[0] = RemoteEventStream.start(body, mapper, jobs, transport.uri(), consumer,
                () -> streams.remove(stream[0]));
        streams.add(stream[0]);
        return stream[0];
    }

    /** Stops every event stream and releases the client's connections. */
    @Override
    public void close() {
        streams.forEach(RemoteEventStream::close);
        transport.close();
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
        return "RemoteLibrary[" + transport.uri() + "]";
    }
}
