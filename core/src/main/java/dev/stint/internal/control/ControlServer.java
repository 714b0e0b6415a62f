package dev.stint.internal.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.ControlEndpoint;
import dev.stint.ControlEndpointException;
import dev.stint.Library;
import dev.stint.Subscription;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A library's control endpoint: a small HTTP/1.1 server on {@code 127.0.0.1}, one virtual thread per
 * connection, that answers the {@code /v1} API ({@link ControlRoutes}), the event stream ({@link EventStream}),
 * the dashboard's login and its static files. A client of the public {@link Library} only.
 *
 * <p>Why not {@code com.sun.net.httpserver}: its exchange threads read request headers themselves, with no
 * per-server deadline or header cap (those are JVM-wide system properties a library must not set), so a client
 * that sends a header byte a second holds a handler thread for as long as it likes. Here every connection has a
 * deadline for its whole request (a timer closes the socket), the request line, header block and body are capped
 * as they are read, handler permits are taken only once a whole request is in, and answers are written after the
 * permit is given back, under a deadline of their own. See {@code docs/control-api.md}.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    /** How long closing waits for open event streams to write their last events. */
    private static final long STREAMS_ENDING_MILLIS = 250;

    private final ControlLimits limits;
    private final ServerSocket socket;
    private final ControlToken token;
    private final RequestGuard guard;
    private final DashboardSessions sessions;
    private final ControlRoutes routes;
    private final EventLog events;
    private final ObjectMapper mapper = new ObjectMapper();
    private final RequestReader reader;
    private final Semaphore handlers;
    private final SharedReads reads = new SharedReads();
    private final RequestPacer pacer;
    private final Semaphore streams;
    private final ScheduledThreadPoolExecutor deadlines;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String label;
    private Subscription subscription;
    private ControlFiles files;
    private Thread acceptor;

    private ControlServer(Library library, ControlLimits limits, ServerSocket socket, Map<String, Integer> jobTypes,
            Optional<Supplier<?>> metrics) {
        this.limits = limits;
        this.socket = socket;
        this.label = String.valueOf(library.dir().getFileName());
        this.token = ControlToken.random();
        this.sessions = new DashboardSessions(System::nanoTime);
        this.guard = new RequestGuard(token, sessions, socket.getLocalPort());
        this.routes = new ControlRoutes(library, mapper, jobTypes, metrics, sessions, socket.getLocalPort());
        this.events = new EventLog(limits.eventHistory(), limits.streamQueue(), System::currentTimeMillis,
                routes.eventJson());
        this.reader = new RequestReader(limits);
        this.handlers = new Semaphore(limits.maxRequests());
        this.streams = new Semaphore(limits.maxStreams());
        this.pacer = new RequestPacer(limits.requestRate(), System::nanoTime);
        this.deadlines = new ScheduledThreadPoolExecutor(1, daemon("stint-control-" + label + "-deadlines"));
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts the endpoint of {@code library}: listens, subscribes to its events, writes {@code control.token} and
     * {@code control.json} into its folder.
     *
     * @param jobTypes the registered job types, name to newest version, for {@code GET /v1/library}
     * @throws ControlEndpointException ({@code start_failed}) if it cannot listen or write its files
     */
    public static ControlServer start(Library library, ControlEndpoint endpoint, Map<String, Integer> jobTypes) {
        return start(library, endpoint, jobTypes, Optional.empty());
    }

    /**
     * {@link #start(Library, ControlEndpoint, Map)} with a source of metrics: when present, {@code GET /v1/metrics}
     * answers what it supplies, as JSON (Jackson's bean mapping); when absent the route does not exist.
     */
    public static ControlServer start(Library library, ControlEndpoint endpoint, Map<String, Integer> jobTypes,
            Optional<Supplier<?>> metrics) {
        return start(library, ControlLimits.of(endpoint), endpoint.port(), jobTypes, metrics);
    }

    static ControlServer start(Library library, ControlLimits limits, int port, Map<String, Integer> jobTypes,
            Optional<Supplier<?>> metrics) {
        ServerSocket listening;
        try {
            listening = new ServerSocket();
            listening.bind(new InetSocketAddress(loopback(), port), 128);
        } catch (IOException e) {
            throw new ControlEndpointException("start_failed", 0, "library " + library.dir().getFileName()
                    + ": the control endpoint cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        ControlServer server = new ControlServer(library, limits, listening, jobTypes, metrics);
        try {
            server.subscription = library.subscribe(server.events);
            server.acceptor = Thread.ofVirtual().name("stint-control-" + server.label + "-accept")
                    .start(server::acceptLoop);
            server.files = ControlFiles.write(library.dir(), server.token, listening.getLocalPort(),
                    ProcessHandle.current().pid(), System.currentTimeMillis());
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new ControlEndpointException("start_failed", 0, "library " + library.dir().getFileName()
                    + ": the control endpoint cannot write control.json and control.token: " + e.getMessage(), e);
        }
        LOG.debug("library {}: control endpoint on {}", server.label, server.uri());
        return server;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base URI, {@code http://127.0.0.1:PORT}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** The address the server listens on. */
    InetAddress boundAddress() {
        return socket.getInetAddress();
    }

    /** The token clients must send. */
    String token() {
        return token.value();
    }

    /** Open connections (for tests). */
    int openConnections() {
        return connections.size();
    }

    /**
     * Stops listening, ends every connection and event stream (each stream first writes the events that came before
     * the close, for at most 250 ms in all), deletes the files. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (files != null) {
            files.delete();
        }
        if (subscription != null) {
            subscription.close();
        }
        closeQuietly(socket);
        // open event streams write what came before the close (a job's last status), then end; those that cannot
        // in a moment (a client that stopped reading) are cut with every other connection
        events.close();
        try {
            if (streams.tryAcquire(limits.maxStreams(), STREAMS_ENDING_MILLIS, TimeUnit.MILLISECONDS)) {
                streams.release(limits.maxStreams());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.dropAll();
        connections.forEach(ControlServer::closeQuietly);
        deadlines.shutdownNow();
        LOG.debug("library {}: control endpoint closed", label);
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    LOG.warn("library {}: control endpoint stopped accepting: {}", label, e.getMessage());
                }
                return;
            }
            if (connections.size() >= limits.maxConnections() || closed.get()) {
                refuseAtOnce(client);
                continue;
            }
            connections.add(client);
            if (closed.get()) {
                closeQuietly(client);
                connections.remove(client);
                continue;
            }
            Thread.ofVirtual().name("stint-control-" + label + "-conn").start(() -> serve(client));
        }
    }

    /** Answers a connection over the cap with 503 and closes it (a few bytes: the socket buffer takes them). */
    private void refuseAtOnce(Socket client) {
        try (client) {
            HttpWire.write(client.getOutputStream(), error(new ApiProblem(503, "too_many_requests",
                    "too many connections open")), false);
        } catch (IOException e) {
            LOG.trace("refusing a connection: {}", e.getMessage());
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            client.setSoTimeout((int) limits.idleTimeout().toMillis());
            InputStream in = new BufferedInputStream(client.getInputStream(), 4096);
            OutputStream out = new BufferedOutputStream(client.getOutputStream(), 8192);
            // a new connection has the request deadline from its first moment: one that sends nothing, or a byte
            // at a time, is closed when it runs out; a kept-alive one waits up to the idle timeout between requests
            Deadline deadline = closeAfter(client, limits.requestDeadline().toMillis());
            while (!closed.get()) {
                int first;
                try {
                    first = in.read();
                } catch (SocketTimeoutException idle) {
                    return;
                }
                if (first < 0) {
                    return;
                }
                if (deadline == null) {
                    deadline = closeAfter(client, limits.requestDeadline().toMillis());
                }
                ControlRequest request;
                try {
                    request = reader.read(first, in, out);
                } catch (ApiProblem problem) {
                    writeUnder(client, out, error(problem), false);
                    return;
                } finally {
                    deadline.cancel();
                    deadline = null;
                }
                if (!paced()) {
                    // beyond the pace for longer than a request may wait: refused after that wait, the connection kept
                    writeUnder(client, out, error(new ApiProblem(429, "too_many_requests",
                            "too many requests a second; try again in a second")).withHeader("Retry-After", "1"),
                            request.keepAlive());
                    if (!request.keepAlive()) {
                        return;
                    }
                    continue;
                }
                if (request.path().equals("/v1/events") && request.method().equals("GET")) {
                    streamEvents(client, out, request);
                    return;
                }
                ControlResponse response = respond(request);
                // a refused caller gets no kept-alive connection to sit on
                boolean keepAlive = request.keepAlive() && response.status() != 401 && response.status() != 403;
                writeUnder(client, out, response, keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, or a deadline closed its socket
            LOG.trace("control connection ended: {}", e.getMessage());
        } finally {
            connections.remove(client);
        }
    }

    /** Waits for the request's turn under the pace; false if that is further away than a request may wait. */
    private boolean paced() throws IOException {
        try {
            return pacer.await(limits.queueWait().toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the endpoint is stopping", e);
        }
    }

    private ControlResponse respond(ControlRequest request) {
        try {
            guard.checkSite(request);
            if (request.path().equals("/v1") || request.path().startsWith("/v1/")) {
                RequestGuard.Principal principal = guard.authenticate(request);
                return handled(request, principal);
            }
            return routes.page(request);
        } catch (ApiProblem problem) {
            return error(problem);
        }
    }

    /**
     * Runs an API route under a handler permit; the answer is written after the permit is given back. Reads
     * ({@code GET}) asked for at once by many clients are read once for all of them ({@link SharedReads}).
     */
    private ControlResponse handled(ControlRequest request, RequestGuard.Principal principal) {
        if (request.method().equals("GET")) {
            String key = request.query() == null ? request.path() : request.path() + "?" + request.query();
            return reads.read(key, () -> permitted(request, principal));
        }
        return permitted(request, principal);
    }

    private ControlResponse permitted(ControlRequest request, RequestGuard.Principal principal) {
        boolean permitted;
        try {
            permitted = handlers.tryAcquire(limits.queueWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(new ApiProblem(503, "library_closed", "the endpoint is stopping"));
        }
        if (!permitted) {
            return error(new ApiProblem(429, "too_many_requests", "too many requests at once; try again"))
                    .withHeader("Retry-After", "1");
        }
        try {
            return routes.api(request, principal);
        } catch (ApiProblem problem) {
            return error(problem);
        } catch (RuntimeException e) {
            ApiProblem problem = ApiErrors.of(e);
            if (problem.status() == 500) {
                LOG.warn("library {}: control request {} {} failed", label, request.method(), request.path(), e);
            }
            return error(problem);
        } finally {
            handlers.release();
        }
    }

    private ControlResponse error(ApiProblem problem) {
        return ControlResponse.json(problem.status(), ApiErrors.body(mapper, problem));
    }

    private void writeUnder(Socket client, OutputStream out, ControlResponse response, boolean keepAlive)
            throws IOException {
        Deadline deadline = closeAfter(client, limits.writeDeadline().toMillis());
        try {
            HttpWire.write(out, response, keepAlive);
        } finally {
            deadline.cancel();
        }
    }

    private void streamEvents(Socket client, OutputStream out, ControlRequest request) throws IOException {
        ControlResponse refused = null;
        try {
            guard.checkSite(request);
            guard.authenticate(request);
        } catch (ApiProblem problem) {
            refused = error(problem);
        }
        Long lastEventId = null;
        if (refused == null) {
            String last = request.header("last-event-id");
            if (last != null && !last.isBlank()) {
                try {
                    lastEventId = Long.parseLong(last.strip());
                } catch (NumberFormatException e) {
                    refused = error(ApiProblem.badRequest("Last-Event-ID must be a number"));
                }
            }
        }
        if (refused == null && !streams.tryAcquire()) {
            refused = error(new ApiProblem(429, "too_many_requests", "too many event streams open"));
        }
        if (refused != null) {
            writeUnder(client, out, refused, false);
            return;
        }
        try {
            new EventStream(client, out, events, routes.eventJson(), limits, this::closeAfter).run(lastEventId);
        } finally {
            streams.release();
        }
    }

    /** Closes {@code client} after {@code millis} unless the deadline is cancelled first. */
    private Deadline closeAfter(Socket client, long millis) {
        try {
            ScheduledFuture<?> timer = deadlines.schedule(() -> closeQuietly(client), millis, TimeUnit.MILLISECONDS);
            return () -> timer.cancel(false);
        } catch (RejectedExecutionException e) {
            closeQuietly(client); // the server is closing
            return () -> { };
        }
    }

    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
