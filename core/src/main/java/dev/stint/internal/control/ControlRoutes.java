package dev.stint.internal.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.DispatchOptions;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobNotFoundException;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.QueueInfo;
import dev.stint.UnknownQueueException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The routes: the {@code /v1} API on the public {@link Library}, the dashboard's login and its static files. A
 * route is a method, a path pattern ({@code {}} for one segment) and a handler; adding one is one line in
 * {@link #apiRoutes}.
 */
final class ControlRoutes {
    /** Answers one matched route; {@code params} are the path's {@code {}} segments, decoded. */
    @FunctionalInterface
    interface Handler {
        ControlResponse handle(ControlRequest request, List<String> params, RequestGuard.Principal principal);
    }

    private record Route(String method, String[] pattern, Handler handler) {
        Optional<List<String>> match(String[] segments) {
            if (segments.length != pattern.length) {
                return Optional.empty();
            }
            List<String> params = new ArrayList<>(2);
            for (int i = 0; i < pattern.length; i++) {
                if (pattern[i].equals("{}")) {
                    params.add(ControlRequest.decodeSegment(segments[i]));
                } else if (!pattern[i].equals(segments[i])) {
                    return Optional.empty();
                }
            }
            return Optional.of(params);
        }
    }

    private static final int MAX_PAGE_SIZE = 1000;
    private static final Set<String> STATIC_TYPES = Set.of("html", "js", "css", "svg", "png", "ico");

    private final Library library;
    private final ObjectMapper mapper;
    private final JobJsonCodec jobs;
    private final ApiJson json;
    private final Map<String, Integer> jobTypes;
    private final DashboardSessions sessions;
    private final int port;
    private final List<Route> routes = new ArrayList<>();

    ControlRoutes(Library library, ObjectMapper mapper, Map<String, Integer> jobTypes, Optional<Supplier<?>> metrics,
            DashboardSessions sessions, int port) {
        this.library = library;
        this.mapper = mapper;
        this.jobs = new JobJsonCodec(mapper);
        this.json = new ApiJson(mapper);
        this.jobTypes = Map.copyOf(jobTypes);
        this.sessions = sessions;
        this.port = port;
        apiRoutes(metrics);
    }

    private void apiRoutes(Optional<Supplier<?>> metrics) {
        route("GET", "/v1/library", (r, p, who) -> ok(libraryInfo()));
        route("POST", "/v1/jobs", (r, p, who) -> dispatch(r));
        route("GET", "/v1/jobs", (r, p, who) -> query(r));
        route("GET", "/v1/jobs/{}", (r, p, who) -> ok(jobs.toJson(job(p.get(0)))));
        route("GET", "/v1/counts", (r, p, who) -> ok(json.counts(library.counts())));
        route("POST", "/v1/jobs/{}/pause", (r, p, who) -> {
            library.pause(p.get(0));
            return ok(jobs.toJson(job(p.get(0))));
        });
        route("POST", "/v1/jobs/{}/resume", (r, p, who) -> {
            library.resume(p.get(0));
            return ok(jobs.toJson(job(p.get(0))));
        });
        route("POST", "/v1/jobs/{}/cancel", (r, p, who) -> {
            library.cancel(p.get(0));
            return ok(jobs.toJson(job(p.get(0))));
        });
        route("POST", "/v1/jobs/{}/retry", (r, p, who) -> created(jobs.toJson(job(library.retry(p.get(0)).id()))));
        route("GET", "/v1/queues", (r, p, who) -> {
            ObjectNode o = mapper.createObjectNode();
            ArrayNode list = o.putArray("queues");
            library.queues().forEach(q -> list.add(json.queue(q)));
            return ok(o);
        });
        route("POST", "/v1/queues/{}/pause", (r, p, who) -> {
            library.pauseQueue(p.get(0));
            return ok(json.queue(queue(p.get(0))));
        });
        route("POST", "/v1/queues/{}/resume", (r, p, who) -> {
            library.resumeQueue(p.get(0));
            return ok(json.queue(queue(p.get(0))));
        });
        route("GET", "/v1/schedules", (r, p, who) -> {
            ObjectNode o = mapper.createObjectNode();
            ArrayNode list = o.putArray("schedules");
            library.schedules().forEach(s -> list.add(json.schedule(s)));
            return ok(o);
        });
        route("POST", "/v1/dashboard/ticket", (r, p, who) -> ticket(who));
        metrics.ifPresent(m -> route("GET", "/v1/metrics", (r, p, who) -> ok(mapper.valueToTree(m.get()))));
    }

    private void route(String method, String path, Handler handler) {
        routes.add(new Route(method, path.substring(1).split("/"), handler));
    }

    /** Answers an authenticated {@code /v1} request. */
    ControlResponse api(ControlRequest request, RequestGuard.Principal principal) {
        String[] segments = request.path().substring(1).split("/", -1);
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<List<String>> params = route.match(segments);
            if (params.isPresent()) {
                if (route.method().equals(request.method())) {
                    return route.handler().handle(request, params.get(), principal);
                }
                pathKnown = true;
            }
        }
        if (pathKnown) {
            throw new ApiProblem(405, "method_not_allowed", request.method() + " is not allowed on " + request.path());
        }
        throw new ApiProblem(404, "not_found", "no route " + request.path());
    }

    /** Answers a request outside {@code /v1}: the dashboard's login and files. */
    ControlResponse page(ControlRequest request) {
        if (!request.method().equals("GET")) {
            throw new ApiProblem(405, "method_not_allowed", request.method() + " is not allowed on " + request.path());
        }
        if (request.path().equals("/login")) {
            return login(request);
        }
        String name = request.path().equals("/") ? "index.html" : request.path().substring(1);
        int dot = name.lastIndexOf('.');
        if (!name.matches("[a-z0-9][a-z0-9_-]*\\.[a-z]{2,4}") || !STATIC_TYPES.contains(name.substring(dot + 1))) {
            throw new ApiProblem(404, "not_found", "no page " + request.path());
        }
        byte[] body;
        try (InputStream in = ControlRoutes.class.getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                throw new ApiProblem(404, "not_found", "no page " + request.path());
            }
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new ApiProblem(500, "internal", "cannot read the dashboard's " + name);
        }
        return new ControlResponse(200, contentType(name.substring(dot + 1)),
                Map.of("Content-Security-Policy", HttpWire.CONTENT_SECURITY_POLICY, "X-Frame-Options", "DENY"), body);
    }

    private ControlResponse login(ControlRequest request) {
        Optional<String> session = sessions.redeem(request.parameters().get("ticket"));
        if (session.isEmpty()) {
            return ControlResponse.html(401, "<!doctype html><meta charset=utf-8><title>Stint</title>"
                    + "<p>This dashboard link has expired or was used already. Open the dashboard again (for"
                    + " example with <code>stint dashboard</code>).")
                    .withHeader("Content-Security-Policy", HttpWire.CONTENT_SECURITY_POLICY);
        }
        return ControlResponse.redirect("/", Map.of("Set-Cookie", RequestGuard.SESSION_COOKIE + "=" + session.get()
                + "; HttpOnly; SameSite=Strict; Path=/"));
    }

    private ControlResponse ticket(RequestGuard.Principal principal) {
        if (principal != RequestGuard.Principal.TOKEN) {
            throw ApiProblem.unauthorized("a dashboard ticket needs the token (Authorization: Bearer)");
        }
        String ticket = sessions.newTicket();
        ObjectNode o = mapper.createObjectNode();
        o.put("ticket", ticket);
        o.put("url", "http://127.0.0.1:" + port + "/login?ticket=" + ticket);
        return ok(o);
    }

    private ObjectNode libraryInfo() {
        ObjectNode o = mapper.createObjectNode();
        o.put("version", ControlFiles.VERSION);
        o.put("dir", library.dir().toAbsolutePath().toString());
        o.put("pid", ProcessHandle.current().pid());
        ArrayNode types = o.putArray("jobTypes");
        jobTypes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode t = types.addObject();
            t.put("name", e.getKey());
            t.put("version", e.getValue());
        });
        return o;
    }

    private ControlResponse dispatch(ControlRequest request) {
        JsonNode body = body(request);
        if (!body.isObject()) {
            throw new ApiProblem(400, "malformed_json", "the body must be a JSON object");
        }
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!Set.of("name", "arguments", "options").contains(field)) {
                throw ApiProblem.badRequest("unknown field '" + field + "'; fields are name, arguments, options");
            }
        }
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw ApiProblem.badRequest("'name' (the job type's name) is required");
        }
        JsonNode arguments = body.get("arguments");
        String argumentsJson = arguments == null || arguments.isNull() ? "{}" : arguments.toString();
        DispatchOptions options = json.optionsFrom(body.get("options"));
        JobHandle<Object> handle = library.dispatch(name.asText(), argumentsJson, options);
        return created(jobs.toJson(job(handle.id())));
    }

    private ControlResponse query(ControlRequest request) {
        Map<String, String> params = request.parameters();
        for (String p : params.keySet()) {
            if (!Set.of("status", "name", "queue", "parent", "page", "size").contains(p)) {
                throw ApiProblem.badRequest("unknown parameter '" + p + "'; parameters are status, name, queue,"
                        + " parent, page, size");
            }
        }
        JobQuery q = JobQuery.all();
        String status = params.get("status");
        if (status != null && !status.isBlank()) {
            EnumSet<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
            for (String s : status.split(",")) {
                try {
                    statuses.add(JobStatus.fromWireName(s.strip()));
                } catch (IllegalArgumentException e) {
                    throw ApiProblem.badRequest("unknown status '" + s.strip() + "'");
                }
            }
            JobStatus first = statuses.iterator().next();
            statuses.remove(first);
            q = q.withStatus(first, statuses.toArray(JobStatus[]::new));
        }
        if (present(params.get("name"))) {
            q = q.withName(params.get("name"));
        }
        if (present(params.get("queue"))) {
            q = q.withQueue(params.get("queue"));
        }
        if (present(params.get("parent"))) {
            q = q.withParent(params.get("parent"));
        }
        int page = number(params, "page", 0, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int size = number(params, "size", 50, 1, MAX_PAGE_SIZE);
        q = q.page(page, size);
        ObjectNode o = mapper.createObjectNode();
        o.set("jobs", jobs.toJson(library.query(q)));
        o.put("page", page);
        o.put("size", size);
        return ok(o);
    }

    private JobInfo job(String id) {
        return library.job(id).orElseThrow(() -> new JobNotFoundException(id));
    }

    private QueueInfo queue(String name) {
        return library.queues().stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new UnknownQueueException(name, String.join(", ",
                        library.queues().stream().map(QueueInfo::name).toList())));
    }

    private JsonNode body(ControlRequest request) {
        if (request.body().length == 0) {
            throw new ApiProblem(400, "malformed_json", "the request needs a JSON body");
        }
        try {
            JsonNode node = mapper.readTree(request.body());
            if (node == null) {
                throw new ApiProblem(400, "malformed_json", "the request needs a JSON body");
            }
            return node;
        } catch (IOException e) {
            throw new ApiProblem(400, "malformed_json", "the body is not JSON: " + firstLine(e.getMessage()));
        }
    }

    /** The {@code data} of an event: {@code {"jobId","name","status","progress","at"}}, plus {@code from} and
     * {@code error} for status changes. */
    Function<EventLog.Entry, String> eventJson() {
        return e -> {
            ObjectNode o = mapper.createObjectNode();
            o.put("jobId", e.jobId());
            o.put("name", e.jobName());
            o.put("status", e.status().wireName());
            o.set("progress", jobs.progress(e.progress()));
            o.put("at", e.at());
            if (e.from() != null) {
                o.put("from", e.from().wireName());
            }
            if (e.error() != null) {
                ObjectNode error = o.putObject("error");
                error.put("type", e.error().type());
                error.put("message", e.error().message());
            }
            try {
                return mapper.writeValueAsString(o);
            } catch (JsonProcessingException x) {
                throw new IllegalStateException(x);
            }
        };
    }

    private ControlResponse ok(JsonNode node) {
        return ControlResponse.json(200, bytes(node));
    }

    private ControlResponse created(JsonNode node) {
        return ControlResponse.json(201, bytes(node));
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    private static int number(Map<String, String> params, String name, int fallback, int min, int max) {
        String text = params.get(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text);
            if (n < min || n > max) {
                throw ApiProblem.badRequest("'" + name + "' must be between " + min + " and " + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("'" + name + "' must be a number, was '" + text + "'");
        }
    }

    private static String contentType(String extension) {
        return switch (extension.toLowerCase(Locale.ROOT)) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            default -> "image/x-icon";
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
