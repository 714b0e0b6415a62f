package dev.stint.torture.driver;

import dev.stint.torture.worker.TortureWorker;
import dev.stint.torture.worker.WorkerArgs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A worker JVM ({@link TortureWorker}) on this JVM's class path. Its stdout lines arrive in a queue that
 * the driver waits on (a reader thread fills it; {@link #EOF} marks the end), its stdin takes control
 * commands, its stderr goes to a log file, and {@link #kill()} is a SIGKILL ({@code destroyForcibly}).
 */
final class WorkerProcess implements AutoCloseable {
    /** Queued after the last line, when the worker's stdout closes. */
    static final String EOF = "\u0000EOF";

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final long startedNanos = System.nanoTime();

    private WorkerProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, "torture-worker-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a worker with {@code args}, its stderr to {@code log}. */
    static WorkerProcess start(WorkerArgs args, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-Xshare:auto",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dpolyglot.engine.WarnInterpreterOnly=false",
                "-cp", System.getProperty("java.class.path"), TortureWorker.class.getName()));
        command.addAll(args.toArgs());
        return new WorkerProcess(new ProcessBuilder(command).redirectError(log.toFile()).start());
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process died; the end is reported below
        }
        lines.add(EOF);
    }

    /** The next stdout line, waiting at most {@code nanos}; null on timeout, {@link #EOF} at the end. */
    String nextLine(long nanos) throws InterruptedException {
        return lines.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** Waits for a line starting with {@code prefix}, skipping others, at most {@code nanos}; null on timeout. */
    String awaitLine(String prefix, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        String line;
        while ((line = nextLine(deadline - System.nanoTime())) != null) {
            if (line.startsWith(prefix) || line.equals(EOF)) {
                return line;
            }
        }
        return null;
    }

    /** Sends a control command; false if the worker is gone. */
    boolean send(String command) {
        try {
            stdin.write(command + "\n");
            stdin.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Nanoseconds since the worker was started. */
    long ageNanos() {
        return System.nanoTime() - startedNanos;
    }

    /** SIGKILL, then waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits for the worker to exit by itself; its exit code, or null if it did not within the time. */
    Integer awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit) ? process.exitValue() : null;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
