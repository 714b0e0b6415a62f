package dev.stint.torture.worker;

import dev.stint.torture.KillMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one worker JVM does: its library, the harness's work folder (side files, dispatch log), its round
 * and seed, how many jobs it dispatches, where the driver means to kill it, whether WASM jobs are in the
 * workload, and whether it is the final, unkilled drain.
 *
 * @param library the library folder
 * @param work the work folder: {@code side/} and {@code dispatch.log}
 * @param round the kill point number (the final drain has the next number)
 * @param seed the round's workload seed
 * @param jobs dispatches to make
 * @param killMode the kill the driver plans (the worker arms a crash point or a listener for it)
 * @param skip how many matching commits the crash point lets pass before it announces the kill
 * @param wasm whether the WASM extension is loaded (it must be in every round once a WASM job is stored)
 * @param powerSafe the library's {@code powerSafe} setting this round ({@code synchronous=FULL} or {@code NORMAL})
 * @param drain the final run: resume paused jobs, run until nothing is active, close
 */
public record WorkerArgs(Path library, Path work, int round, long seed, int jobs, KillMode killMode, int skip,
        boolean wasm, boolean powerSafe, boolean drain) {

    /** The command-line form, parsed back by {@link #parse}. */
    public List<String> toArgs() {
        return new ArrayList<>(List.of("--library", library.toString(), "--work", work.toString(),
                "--round", Integer.toString(round), "--seed", Long.toString(seed), "--jobs", Integer.toString(jobs),
                "--kill", killMode.name(), "--skip", Integer.toString(skip), "--wasm", Boolean.toString(wasm),
                "--power-safe", Boolean.toString(powerSafe), "--drain", Boolean.toString(drain)));
    }

    /** Parses {@code --name value} pairs. */
    public static WorkerArgs parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, found " + args[i]);
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return new WorkerArgs(Path.of(required(m, "library")), Path.of(required(m, "work")),
                Integer.parseInt(required(m, "round")), Long.parseLong(required(m, "seed")),
                Integer.parseInt(required(m, "jobs")), KillMode.valueOf(required(m, "kill")),
                Integer.parseInt(required(m, "skip")), Boolean.parseBoolean(required(m, "wasm")),
                Boolean.parseBoolean(required(m, "power-safe")), Boolean.parseBoolean(required(m, "drain")));
    }

    private static String required(Map<String, String> m, String name) {
        String v = m.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
    }

    /** The folder of the side files. */
    public Path sideDir() {
        return work.resolve("side");
    }

    /** The dispatch log. */
    public Path dispatchLog() {
        return work.resolve("dispatch.log");
    }
}
