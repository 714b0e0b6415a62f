package dev.stint.sample.gui;

import dev.stint.DispatchOptions;
import java.time.Duration;

/**
 * The demo jobs the window's buttons dispatch: the console's demo job types with arguments slow enough to
 * watch, pause and resume.
 */
public enum DemoJob {
    /** Counts to 600, 50 ms a number (30 s), checkpointing every 20. */
    COUNT("Count job", "demo.count", "{\"to\": 600, \"checkpointEvery\": 20, \"sleepMillis\": 50}",
            DispatchOptions.defaults()),
    /** Hashes every file of a folder the user chooses, checkpointing every 10 files (byte progress). */
    HASH("Hash folder…", "demo.hash", null, DispatchOptions.defaults()),
    /** Goes through the discover, process and report phases (phase progress). */
    PHASED("Phased job", "demo.phased", "{\"items\": 80, \"sleepMillis\": 100}", DispatchOptions.defaults()),
    /** Spawns three counting child jobs and waits for them: a parent row with child rows. */
    TREE("Job tree", "demo.tree", "{\"children\": 3, \"childTo\": 1500}", DispatchOptions.defaults()),
    /** Fails twice with a retryable error, then succeeds: 4 attempts allowed, 1 s backoff. */
    FLAKY("Flaky job", "demo.flaky", "{\"failTimes\": 2}",
            DispatchOptions.defaults().withMaxAttempts(4).withBackoff(Duration.ofSeconds(1))),
    /** A count that starts 10 s after it is dispatched. */
    DELAYED("Delayed job", "demo.count", "{\"to\": 200, \"checkpointEvery\": 20, \"sleepMillis\": 25}",
            DispatchOptions.defaults().withDelay(Duration.ofSeconds(10))),
    /** The WASM extension's count job, sandboxed in GraalVM. */
    WASM("WASM job", "demo-wasm:count", "{\"to\": 3000, \"checkpointEvery\": 100, \"spin\": 5000}",
            DispatchOptions.defaults());

    private final String label;
    private final String jobName;
    private final String json;
    private final DispatchOptions options;

    DemoJob(String label, String jobName, String json, DispatchOptions options) {
        this.label = label;
        this.jobName = jobName;
        this.json = json;
        this.options = options.withInitiator("gui");
    }

    /** The button's text. */
    public String label() {
        return label;
    }

    /** The job type dispatched. */
    public String jobName() {
        return jobName;
    }

    /** The JSON arguments, or null when they depend on the user's choice ({@link #HASH}). */
    public String json() {
        return json;
    }

    /** The arguments of {@link #HASH} for a chosen folder: its absolute path, checkpointing every 10 files. */
    public static String hashArguments(java.nio.file.Path folder) {
        String path = new com.fasterxml.jackson.databind.node.TextNode(folder.toAbsolutePath().toString()).toString();
        return "{\"folder\": " + path + ", \"checkpointEvery\": 10}";
    }

    /** The dispatch options. */
    public DispatchOptions options() {
        return options;
    }

    /** The id of the button in the window ({@code dispatch-count}, ...). */
    public String buttonId() {
        return "dispatch-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
