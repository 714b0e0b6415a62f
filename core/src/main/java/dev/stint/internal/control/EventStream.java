package dev.stint.internal.control;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One client's {@code GET /v1/events}: a server-sent event stream that reads the {@link EventLog} from its own
 * cursor on its own virtual thread. It writes what has come in batches at most {@value #FLUSH_MILLIS} ms apart
 * while events keep coming (at once after a quiet spell), so a stream costs about the same whether a job a second
 * or ten thousand change. The log drops a stream that falls too far behind (closes its socket) rather than wait.
 * A comment line keeps an idle stream open through proxies and tells a dead client apart; every write has a
 * deadline.
 */
final class EventStream implements EventLog.Reader {
    private static final int BATCH = 1024;
    private static final long FLUSH_MILLIS = 20;

    private final Socket socket;
    private final OutputStream out;
    private final EventLog log;
    private final Function<EventLog.Entry, String> json;
    private final ControlLimits limits;
    private final Deadline.Timer deadlines;
    private volatile long cursor;
    private volatile Thread writer;

    EventStream(Socket socket, OutputStream out, EventLog log, Function<EventLog.Entry, String> json,
            ControlLimits limits, Deadline.Timer deadlines) {
        this.socket = socket;
        this.out = out;
        this.log = log;
        this.json = json;
        this.limits = limits;
        this.deadlines = deadlines;
    }

    @Override
    public long cursor() {
        return cursor;
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
        cursor = opening.cursor();
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
            long keepAlive = limits.keepAliveInterval().toMillis();
            long lastWrite = 0;
            while (!socket.isClosed()) {
                if (!log.awaitAfter(cursor, keepAlive)) {
                    if (socket.isClosed()) {
                        return;
                    }
                    if (log.after(cursor, 1) == null) {
                        return; // the server closed and this stream has written everything
                    }
                    send(new StringBuilder(": keep-alive\n\n"));
                    continue;
                }
                // events keep coming: let them gather for a moment so that one write carries many (a closing
                // log ends the wait: what came before the close is written before the stream ends)
                long sinceLast = System.nanoTime() - lastWrite;
                if (sinceLast < TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS)) {
                    log.pause(TimeUnit.NANOSECONDS.toMillis(TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS) - sinceLast));
                }
                List<EventLog.Entry> batch;
                while ((batch = log.after(cursor, BATCH)) != null && !batch.isEmpty()) {
                    StringBuilder text = new StringBuilder(batch.size() * 160);
                    batch.forEach(e -> append(text, e));
                    send(text);
                    cursor = batch.get(batch.size() - 1).id();
                    if (batch.size() < BATCH) {
                        break;
                    }
                }
                if (batch == null) {
                    // fell out of the kept history, or the server is closing and everything is written: the
                    // connection ends without a last chunk, which tells the client it did not end cleanly
                    return;
                }
                lastWrite = System.nanoTime();
            }
        } catch (InterruptedException e) {
            // dropped, or the server is closing: the socket is closed already
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
