package dev.stint.internal.control;

import dev.stint.ControlEndpoint;
import java.time.Duration;

/**
 * The endpoint's caps and deadlines. {@link #of(ControlEndpoint)} gives the ones a library uses; tests shorten the
 * deadlines.
 *
 * @param maxRequests API requests handled at once
 * @param maxStreams event streams open at once
 * @param maxConnections connections open at once (more are closed as they arrive)
 * @param queueWait how long a request waits for a handler before {@code 429}
 * @param requestDeadline how long a client has to send a whole request, from its first byte
 * @param idleTimeout how long a kept-alive connection may sit idle between requests
 * @param writeDeadline how long writing one answer (or one batch of events) may take
 * @param keepAliveInterval how often an idle event stream gets a comment line
 * @param maxRequestLine bytes of the request line
 * @param maxHeaderBytes bytes of the header block
 * @param maxBody bytes of a request body
 * @param streamQueue how many events one stream may fall behind before that client is dropped
 * @param eventHistory events kept for {@code Last-Event-ID}
 * @param requestRate requests a second answered at most ({@link RequestPacer})
 */
record ControlLimits(int maxRequests, int maxStreams, int maxConnections, Duration queueWait,
        Duration requestDeadline, Duration idleTimeout, Duration writeDeadline, Duration keepAliveInterval,
        int maxRequestLine, int maxHeaderBytes, int maxBody, int streamQueue, int eventHistory, int requestRate) {

    static ControlLimits of(ControlEndpoint endpoint) {
        return new ControlLimits(endpoint.maxConcurrentRequests(), endpoint.maxEventStreams(), 2048,
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(15), 8 * 1024, 16 * 1024, 64 * 1024, 4096, 10_000, endpoint.maxRequestsPerSecond());
    }

    ControlLimits withDeadlines(Duration request, Duration idle, Duration write, Duration keepAlive) {
        return new ControlLimits(maxRequests, maxStreams, maxConnections, queueWait, request, idle, write, keepAlive,
                maxRequestLine, maxHeaderBytes, maxBody, streamQueue, eventHistory,
                requestRate);
    }

    ControlLimits withEvents(int queue, int history) {
        return new ControlLimits(maxRequests, maxStreams, maxConnections, queueWait, requestDeadline, idleTimeout,
                writeDeadline, keepAliveInterval, maxRequestLine, maxHeaderBytes, maxBody, queue, history, requestRate);
    }

    ControlLimits withMaxConnections(int max) {
        return new ControlLimits(maxRequests, maxStreams, max, queueWait, requestDeadline, idleTimeout,
                writeDeadline, keepAliveInterval, maxRequestLine, maxHeaderBytes, maxBody, streamQueue, eventHistory,
                requestRate);
    }

    ControlLimits withPace(int rate, Duration wait) {
        return new ControlLimits(maxRequests, maxStreams, maxConnections, wait, requestDeadline, idleTimeout,
                writeDeadline, keepAliveInterval, maxRequestLine, maxHeaderBytes, maxBody, streamQueue, eventHistory,
                rate);
    }
}
