package dev.stint;

/**
 * Settings of a library's control endpoint: a local HTTP endpoint through which other processes of the same
 * user (the {@code stint} console, a dashboard page, a {@link RemoteLibrary}) query and steer a library while
 * this process owns it. Off unless given to {@link Library.Builder#controlEndpoint(ControlEndpoint)}.
 *
 * <p>The endpoint listens on {@code 127.0.0.1} only, on a free port chosen when the library opens. It writes
 * {@code control.json} (port, pid, version) and {@code control.token} (a random 256-bit token, readable by the
 * owner only) into the library folder, and deletes both when the library closes. Every API call must carry the
 * token; requests naming another host (DNS rebinding) or coming from another web origin are refused; request
 * sizes, handler threads and event streams are capped, and a slow or hostile client never holds up the engine.
 * See {@code docs/control-api.md} for the API and the security model.
 *
 * <pre>{@code
 * Library library = Library.builder(dir).controlEndpoint(ControlEndpoint.loopback()).open();
 * URI uri = library.controlUri().orElseThrow();
 * }</pre>
 *
 * <p>Immutable; the {@code with...} methods return a copy.
 */
public final class ControlEndpoint {
    private static final int DEFAULT_RATE = 200;
    private static final ControlEndpoint LOOPBACK = new ControlEndpoint(32, 64, 0, DEFAULT_RATE);

    private final int maxConcurrentRequests;
    private final int maxEventStreams;
    private final int port;
    private final int maxRequestsPerSecond;

    private ControlEndpoint(int maxConcurrentRequests, int maxEventStreams, int port, int maxRequestsPerSecond) {
        this.maxConcurrentRequests = maxConcurrentRequests;
        this.maxEventStreams = maxEventStreams;
        this.port = port;
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }

    /**
     * The endpoint on the loopback interface, on a free port, with the default caps: 32 requests handled at
     * once, 64 event streams, 200 requests a second.
     */
    public static ControlEndpoint loopback() {
        return LOOPBACK;
    }

    /**
     * How many API requests are handled at once (default 32); more wait briefly, then get {@code 429}.
     * Event streams are counted separately ({@link #withMaxEventStreams}).
     *
     * @throws IllegalArgumentException if {@code max} is not between 1 and 1024
     */
    public ControlEndpoint withMaxConcurrentRequests(int max) {
        return new ControlEndpoint(inRange(max, 1, 1024, "maxConcurrentRequests"), maxEventStreams, port,
                maxRequestsPerSecond);
    }

    /**
     * How many event streams ({@code GET /v1/events}) may be open at once (default 64); one more gets
     * {@code 429}.
     *
     * @throws IllegalArgumentException if {@code max} is not between 0 and 4096
     */
    public ControlEndpoint withMaxEventStreams(int max) {
        return new ControlEndpoint(maxConcurrentRequests, inRange(max, 0, 4096, "maxEventStreams"), port,
                maxRequestsPerSecond);
    }

    /**
     * A fixed port on {@code 127.0.0.1} instead of a free one chosen at open (default 0: choose). Opening fails
     * with {@link ControlEndpointException} if the port is taken. Meant for setups that must know the port in
     * advance; clients should read it from {@code control.json} ({@link RemoteLibrary#find}).
     *
     * @throws IllegalArgumentException if {@code port} is not between 0 and 65535
     */
    public ControlEndpoint withPort(int port) {
        return new ControlEndpoint(maxConcurrentRequests, maxEventStreams, inRange(port, 0, 65535, "port"),
                maxRequestsPerSecond);
    }

    /**
     * How many requests a second the endpoint answers at most, on average (default 200; after a quiet second,
     * that many at once). More wait for their turn in order of arrival, up to 5 seconds, then get {@code 429}.
     * Clients wait for their answers, so the pace bounds what they cost the machine: however many clients loop
     * without pause, the jobs keep their share of the processors. A dashboard or console asks a few times a second;
     * a program that dispatches thousands of jobs through a {@link RemoteLibrary} one by one goes at this pace, so
     * raise it for such a program (on a two-core machine, 200 answers a second to clients that never pause cost
     * the jobs 10-20% of their throughput: {@code docs/benchmarks.md}, "Control endpoint under load").
     *
     * @throws IllegalArgumentException if {@code max} is not between 1 and 1,000,000
     */
    public ControlEndpoint withMaxRequestsPerSecond(int max) {
        return new ControlEndpoint(maxConcurrentRequests, maxEventStreams, port,
                inRange(max, 1, 1_000_000, "maxRequestsPerSecond"));
    }

    /** How many requests a second the endpoint answers at most, on average. */
    public int maxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    /** How many API requests are handled at once. */
    public int maxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /** How many event streams may be open at once. */
    public int maxEventStreams() {
        return maxEventStreams;
    }

    /** The port asked for; 0 means a free one chosen at open. */
    public int port() {
        return port;
    }

    private static int inRange(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "ControlEndpoint[127.0.0.1:" + (port == 0 ? "any" : port) + ", maxConcurrentRequests="
                + maxConcurrentRequests + ", maxEventStreams=" + maxEventStreams + ", maxRequestsPerSecond="
                + maxRequestsPerSecond + "]";
    }
}
