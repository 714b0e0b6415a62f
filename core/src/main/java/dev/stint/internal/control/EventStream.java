package dev.stint.internal.control;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One client's {@code GET /v1/events}: a server-sent event stream fed by the {@link EventLog} through a bounded
 * queue. Its own virtual thread writes; the log only offers. When the queue is full the client is too slow: the
 * log drops it (closes its socket) rather than wait. A comment line keeps an idle stream open through proxies and
 * tells a dead client apart; every write has a deadline.
 */
final class EventStream implements EventLog.Sink {
    private static final int BATCH = 256;

    private final Socket socket;
    private final OutputStream out;
    private final EventLog log;
    private final Function<EventLog.Entry, String> json;
    private final ControlLimits limits;
    private final Deadline.Timer deadlines;
    private final BlockingQueue<EventLog.Entry> queue;
    private volatile Thread writer;

    EventStream(Socket socket, OutputStream out, EventLog log, Function<EventLog.Entry, String> json,
            ControlLimits limits, Deadline.Timer deadlines) {
        this.socket = socket;
        this.out = out;
        this.log = log;
        this.json = json;
        this.limits = limits;
        this.deadlines = deadlines;
        this.queue = new ArrayBlockingQueue<>(limits.streamQueue());
    }

    @Override
    public boolean offer(EventLog.Entry entry) {
        return queue.offer(entry);
    }

    @Override
    public void drop() {
        ControlServer.closeQuietly(socket);
        Thread t = writer;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Writes the stream until the client goes, is dropped, or the server closes. */
    void run(Long lastEventId) throws IOException {
        writer = Thread.currentThread();
        EventLog.Opening opening = log.open(lastEventId, this);
        try {
            StringBuilder first = new StringBuilder("retry: 2000\n\n");
            if (opening.reset()) {
                first.append("id: ").append(opening.resetId()).append("\nevent: reset\ndata: {}\n\n");
            }
            Deadline head = deadlines.closeAfter(socket, limits.writeDeadline().toMillis());
            try {
                HttpWire.writeStreamHead(out);
                HttpWire.writeChunk(out, bytes(first));
                out.flush();
            } finally {
                head.cancel();
            }
            for (int i = 0; i < opening.backlog().size(); i += BATCH) {
                StringBuilder batch = new StringBuilder();
                opening.backlog().subList(i, Math.min(i + BATCH, opening.backlog().size()))
                        .forEach(e -> append(batch, e));
                send(batch);
            }
            long keepAlive = limits.keepAliveInterval().toMillis();
            while (!socket.isClosed()) {
                EventLog.Entry next;
                try {
                    next = queue.poll(keepAlive, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return; // dropped, or the server is closing: the socket is closed already
                }
                StringBuilder batch = new StringBuilder();
                if (next == null) {
                    batch.append(": keep-alive\n\n");
                } else {
                    append(batch, next);
                    for (int n = 1; n < BATCH && (next = queue.poll()) != null; n++) {
                        append(batch, next);
                    }
                }
                send(batch);
            }
        } finally {
            log.close(this);
        }
    }

    private void send(StringBuilder text) throws IOException {
        Deadline deadline = deadlines.closeAfter(socket, limits.writeDeadline().toMillis());
        try {
            HttpWire.writeChunk(out, bytes(text));
            out.flush();
        } finally {
            deadline.cancel();
        }
    }

    private void append(StringBuilder text, EventLog.Entry e) {
        text.append("id: ").append(e.id()).append("\nevent: ").append(e.kind()).append("\ndata: ")
                .append(e.data() != null ? e.data() : json.apply(e)).append("\n\n");
    }

    private static byte[] bytes(StringBuilder text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
