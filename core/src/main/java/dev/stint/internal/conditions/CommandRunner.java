package dev.stint.internal.conditions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a platform command and returns what it printed, or empty when the command is missing, fails to start,
 * exits with an error, or does not finish in time. Never throws: a probe that cannot run its command reports
 * "unknown". A test supplies recorded outputs through its own implementation.
 */
@FunctionalInterface
interface CommandRunner {

    /**
     * The command's standard output and error, merged, or empty when it could not be had.
     *
     * @param anyExit whether a non-zero exit still counts (some commands print the answer and exit 1)
     */
    Optional<String> run(List<String> command, boolean anyExit);

    /** Runs commands as processes, each bounded by {@code timeout}; output is read on a virtual thread. */
    static CommandRunner processes(Duration timeout) {
        return (command, anyExit) -> runProcess(command, anyExit, timeout);
    }

    private static Optional<String> runProcess(List<String> command, boolean anyExit, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not installed, not on PATH, not allowed
        }
        try {
            process.getOutputStream().close(); // nothing to say to it: a command that reads input sees its end
        } catch (IOException e) {
            // it may have exited already; its output still tells
        }
        CompletableFuture<String> output = new CompletableFuture<>();
        Thread.ofVirtual().name("stint-probe-output").start(() -> {
            try (InputStream in = process.getInputStream()) {
                output.complete(new String(in.readNBytes(1 << 20), Charset.defaultCharset()));
            } catch (IOException e) {
                output.completeExceptionally(e);
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            String text = output.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return anyExit || process.exitValue() == 0 ? Optional.of(text) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } finally {
            process.destroyForcibly();
        }
    }
}
