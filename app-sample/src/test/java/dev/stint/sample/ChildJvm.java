package dev.stint.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM on the test class path: {@code stint} commands (or another main class) in a process of their own,
 * so that a library is held by another process as it is in use. Its standard output is collected line by line;
 * its standard error goes to a file. {@link #close()} kills it if it still runs.
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Path stderr;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread.ofVirtual().start(this::collect);
    }

    /** {@code stint ARGS} in a child JVM; its standard error goes to {@code stderr}. */
    static ChildJvm stint(Path stderr, String... args) throws IOException {
        return start(stderr, Main.class.getName(), args);
    }

    /** {@code mainClass ARGS} in a child JVM. */
    static ChildJvm start(Path stderr, String mainClass, String... args) throws IOException {
        return new ChildJvm(new ProcessBuilder(command(mainClass, args)).redirectError(stderr.toFile()).start(),
                stderr);
    }

    /** The java command line for {@code mainClass ARGS} on this JVM's class path, with the launcher's JVM options. */
    static List<String> command(String mainClass, String... args) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    /** The lines it printed so far. */
    List<String> lines() {
        return lines;
    }

    Path stderr() {
        return stderr;
    }

    /** Waits for it to exit (at most a minute); returns its exit code. */
    int waitFor() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("child JVM still runs after a minute");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void collect() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the child is gone
        }
    }
}
