package dev.stint.sample.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.DispatchOptions;
import dev.stint.JobCounts;
import dev.stint.JobStatus;
import dev.stint.Library;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code demo [--hash-folder DIR] [--concurrency N]}: the one-command tour. If the library has no active
 * job, dispatches one of each demo job (a count, a phased job, a hash of a folder, a job that fails twice
 * and is retried, a delayed job and a WASM extension job); then runs like {@code run}. Stop it with Ctrl-C
 * half-way and start it again: the jobs resume where they stopped.
 */
public final class DemoCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int execute(CommandLine line, Console console) throws Exception {
        line.expect(0, 0, "library", "database-folder", "concurrency", "queue", "hash-folder");
        Path dir = line.libraryDir(console.env());
        Path hashFolder = hashFolder(line, dir);
        Path databaseFolder = line.databaseFolder(console.env());
        try (Library library = Libraries.openIdle(dir, databaseFolder)) {
            JobCounts counts = library.counts(); // counted, not loaded: a library may hold any number
            int active = counts.of(JobStatus.QUEUED) + counts.of(JobStatus.RUNNING) + counts.of(JobStatus.PAUSED);
            if (active == 0) {
                List<String> ids = dispatchDemoJobs(library, hashFolder);
                console.err().println(TerminalText.safe("stint: dispatched " + ids.size() + " demo jobs into " + dir
                        + "; press Ctrl-C to stop, then run 'demo' again to see them resume"));
            } else {
                console.err().println(TerminalText.safe("stint: " + active + " job(s) already active in " + dir
                        + "; running them (interrupted jobs resume where they stopped)"));
            }
        }
        List<String> runArgs = new ArrayList<>(List.of("run", "--library", dir.toString()));
        if (databaseFolder != null) {
            runArgs.add("--database-folder=" + databaseFolder);
        }
        if (line.concurrency() != null) {
            runArgs.add("--concurrency=" + line.concurrency());
        }
        line.allValues("queue").forEach(q -> runArgs.add("--queue=" + q));
        return RunCommand.execute(CommandLine.parse(runArgs.toArray(String[]::new)), console);
    }

    private static List<String> dispatchDemoJobs(Library library, Path hashFolder) throws Exception {
        List<String> ids = new ArrayList<>();
        DispatchOptions demo = DispatchOptions.defaults().withInitiator("demo");
        ids.add(library.dispatch("demo.count", "{\"to\": 300, \"checkpointEvery\": 20, \"sleepMillis\": 20}", demo).id());
        ids.add(library.dispatch("demo.phased", "{\"items\": 60, \"sleepMillis\": 40}", demo).id());
        ids.add(library.dispatch("demo.hash", JSON.writeValueAsString(Map.of("folder", hashFolder.toString(),
                "checkpointEvery", 10)), demo).id());
        ids.add(library.dispatch("demo.flaky", "{\"failTimes\": 2}",
                demo.withMaxAttempts(4).withBackoff(Duration.ofSeconds(1))).id());
        ids.add(library.dispatch("demo.count", "{\"to\": 50, \"checkpointEvery\": 10, \"sleepMillis\": 20}",
                demo.withDelay(Duration.ofSeconds(5))).id());
        ids.add(library.dispatch("demo-wasm:count", "{\"to\": 3000, \"checkpointEvery\": 100, \"spin\": 5000}", demo).id());
        return ids;
    }

    /** {@code --hash-folder}, else the sample's own sources (the launcher says where), else the library. */
    private static Path hashFolder(CommandLine line, Path library) {
        if (line.value("hash-folder") != null) {
            return OptionValues.folder("hash-folder", line.value("hash-folder"));
        }
        String home = System.getProperty("stint.sample.home");
        if (home != null && Files.isDirectory(Path.of(home, "src"))) {
            return Path.of(home, "src");
        }
        return library;
    }
}
