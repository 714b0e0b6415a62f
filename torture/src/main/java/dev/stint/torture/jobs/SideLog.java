package dev.stint.torture.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The evidence a torture job leaves outside {@code jobs.db}: one file per job, {@code <side>/<jobId>.log},
 * one line per event, {@code <round> <tag> <value>}. Each line is one {@code write} call: a SIGKILL cannot
 * tear it in the middle, and the kernel keeps what was written when the process dies (no fsync is needed
 * to survive a process kill, only a power loss, which the harness does not simulate).
 *
 * <p>Tags: {@code R} a run starts (value: the count or next step it starts from), {@code A} the attempt of
 * that run, {@code I} an item processed, {@code C} a checkpoint returned (so it is committed), {@code S} a
 * step body started, {@code B} a batch chunk started.
 *
 * <p>The worker sets the system properties {@value #SIDE_DIR_PROPERTY} and {@value #ROUND_PROPERTY}.
 */
public final class SideLog {
    /** System property: the folder of the side files. */
    public static final String SIDE_DIR_PROPERTY = "torture.side";
    /** System property: the worker's round (kill point number). */
    public static final String ROUND_PROPERTY = "torture.round";

    private final Path file;
    private final int round;

    private SideLog(Path file, int round) {
        this.file = file;
        this.round = round;
    }

    /** The side log of a job, in the folder and round this JVM was started with. */
    public static SideLog of(String jobId) {
        String dir = System.getProperty(SIDE_DIR_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException("system property " + SIDE_DIR_PROPERTY + " is not set");
        }
        return new SideLog(Path.of(dir).resolve(jobId + ".log"), Integer.getInteger(ROUND_PROPERTY, -1));
    }

    /** The side file of a job in {@code sideDir}. */
    public static Path fileOf(Path sideDir, String jobId) {
        return sideDir.resolve(jobId + ".log");
    }

    /** Appends {@code <round> <tag> <value>}. */
    public void append(char tag, long value) {
        try {
            Files.writeString(file, round + " " + tag + " " + value + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
