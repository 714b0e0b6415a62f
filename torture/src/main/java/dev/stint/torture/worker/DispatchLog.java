package dev.stint.torture.worker;

import dev.stint.torture.JobSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The worker's record of its dispatches, appended one line per call ({@code I <spec>} before a dispatch
 * is attempted, {@code A <token> <ids>} after it returned, that is, committed). Read by the driver's
 * checker. A process kill never loses a line already written; at most the last one is torn.
 */
final class DispatchLog implements AutoCloseable {
    private final FileChannel channel;

    DispatchLog(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    /** Records that {@code spec} is about to be dispatched. */
    void intent(JobSpec spec) {
        write("I " + spec.format());
    }

    /** Records that the dispatch of {@code token} returned these job ids. */
    void ack(String token, List<String> ids) {
        write("A " + token + " " + String.join(",", ids));
    }

    private synchronized void write(String line) {
        ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
