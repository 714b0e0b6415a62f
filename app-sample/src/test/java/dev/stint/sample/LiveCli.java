package dev.stint.sample;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A console command that runs for a while ({@code watch}), in this process on a thread of its own, with what it
 * prints collected line by line as it comes, so that a test can wait for a line and act meanwhile.
 */
final class LiveCli {
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private LiveCli() {
    }

    /** Starts {@code stint ARGS} with an empty environment. */
    static LiveCli start(String... args) {
        LiveCli cli = new LiveCli();
        Thread.ofVirtual().name("live-cli").start(() -> {
            try (PrintStream o = new PrintStream(new Lines(cli.out), true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(new Lines(cli.err), true, StandardCharsets.UTF_8)) {
                cli.exit.complete(Main.run(args, o, e, Map.of()));
            } catch (Throwable t) {
                cli.exit.completeExceptionally(t);
            }
        });
        return cli;
    }

    /** The lines printed on standard output so far. */
    List<String> out() {
        return out;
    }

    /** The lines printed on standard error so far. */
    List<String> err() {
        return err;
    }

    /** Waits for the command to end (at most a minute); returns its exit code. */
    int exitCode() throws Exception {
        return exit.get(60, TimeUnit.SECONDS);
    }

    /** Splits what is written into lines. */
    private static final class Lines extends OutputStream {
        private final List<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(List<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void close() {
            if (line.size() > 0) {
                lines.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }
    }
}
