package dev.stint.bench.control;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a round's clients run: in the benchmark's JVM, or ({@code -Dseparate=true}) in one child JVM of their
 * own, kept for the whole run (so that its JIT is as warm as the engine's) and told by a line on its input to
 * start a round's clients or to stop them and report their counts.
 */
final class Clients implements AutoCloseable {
    static final int COUNT = Integer.getInteger("clients", 1_000);
    /** Calls per client at most (bounded loops); a round normally stops them sooner. */
    static final int CALLS = Integer.getInteger("calls", 100_000);
    /** Mean pause between a client's calls, ms (0: none). */
    static final Duration THINK = Duration.ofMillis(Long.getLong("think", 0));
    static final boolean SEPARATE = Boolean.getBoolean("separate");

    private final URI base;
    private final String token;
    private final List<String> targets;
    private final Process child;
    private final BufferedReader childOut;
    private LoadClients round;

    private Clients(URI base, String token, List<String> targets, Process child) {
        this.base = base;
        this.token = token;
        this.targets = targets;
        this.child = child;
        this.childOut = child == null ? null
                : new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    static Clients create(URI base, String token, List<String> targets) throws Exception {
        if (!SEPARATE) {
            return new Clients(base, token, targets, null);
        }
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Dclients=" + COUNT, "-Dcalls=" + CALLS, "-Dthink=" + THINK.toMillis(),
                "-DstreamPercent=" + LoadClients.STREAM_PERCENT, "-cp",
                System.getProperty("java.class.path"), Clients.class.getName(), base.toString(), token,
                String.join(",", targets)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new Clients(base, token, targets, child);
    }

    /** Starts a round's clients; returns once each has had an answer. */
    void start() throws Exception {
        round = new LoadClients(base, token, targets, COUNT, CALLS, THINK);
        if (child == null) {
            round.start();
            return;
        }
        tell("start");
        childOut.readLine(); // "STARTED"
    }

    /** Stops the round's clients; their counts. */
    LoadClients stop() throws Exception {
        if (child == null) {
            round.stop();
            return round;
        }
        tell("stop");
        List<String> lines = new ArrayList<>();
        for (String line = childOut.readLine(); line != null && !line.equals("END"); line = childOut.readLine()) {
            lines.add(line);
        }
        round.addReport(lines);
        return round;
    }

    @Override
    public void close() throws Exception {
        if (child != null) {
            tell("exit");
            child.waitFor();
        }
    }

    private void tell(String command) throws Exception {
        OutputStream in = child.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The child JVM: base URI, token, comma-separated targets; then "start", "stop", "exit" lines. */
    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        List<String> targets = List.of(args[2].split(","));
        PrintStream out = System.out;
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        LoadClients load = null;
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            switch (command) {
                case "start" -> {
                    load = new LoadClients(base, args[1], targets, COUNT, CALLS, THINK);
                    load.start();
                    out.println("STARTED");
                }
                case "stop" -> {
                    load.stop();
                    out.print(load.report());
                }
                default -> {
                    return;
                }
            }
            out.flush();
        }
    }
}
