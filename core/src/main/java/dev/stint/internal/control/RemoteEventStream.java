package dev.stint.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.ControlEndpointException;
import dev.stint.JobStatus;
import dev.stint.RemoteEvent;
import dev.stint.RemoteLibrary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An open event stream of the client: a virtual thread reads the server-sent events of its body and hands each,
 * decoded, to the consumer, until the stream ends or is closed.
 */
final class RemoteEventStream implements RemoteLibrary.EventStream {
    private final InputStream body;
    private final ObjectMapper mapper;
    private final JobJsonCodec jobs;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile boolean closed;

    private RemoteEventStream(InputStream body, ObjectMapper mapper, JobJsonCodec jobs) {
        this.body = body;
        this.mapper = mapper;
        this.jobs = jobs;
    }

    /** Starts reading {@code body}; {@code onEnd} runs when the stream has ended, however. */
    static RemoteEventStream start(InputStream body, ObjectMapper mapper, JobJsonCodec jobs, URI uri,
            Consumer<RemoteEvent> consumer, Runnable onEnd) {
        RemoteEventStream stream = new RemoteEventStream(body, mapper, jobs);
        Thread.ofVirtual().name("stint-remote-events").start(() -> {
            try {
                stream.read(consumer);
                stream.ended.complete(null);
            } catch (IOException e) {
                stream.ended.completeExceptionally(stream.closed ? new CancellationException()
                        : new ControlEndpointException("transport", 0, "the event stream of " + uri + " ended: "
                                + e.getMessage(), e));
            } catch (RuntimeException e) {
                stream.ended.completeExceptionally(stream.closed ? new CancellationException() : e);
            } finally {
                onEnd.run();
            }
        });
        return stream;
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

    private RemoteEvent event(long id, String kind, String data) throws IOException {
        if (kind.equals("reset")) {
            return new RemoteEvent(id, RemoteEvent.Kind.RESET, null, null, null, null, null);
        }
        JsonNode o = mapper.readTree(data);
        return new RemoteEvent(id, kind.equals("progress") ? RemoteEvent.Kind.PROGRESS : RemoteEvent.Kind.STATUS,
                o.path("jobId").asText(), o.path("name").asText(), JobStatus.fromWireName(o.path("status").asText()),
                jobs.progressFrom(o.get("progress")), Instant.ofEpochMilli(o.path("at").asLong()));
    }
}
