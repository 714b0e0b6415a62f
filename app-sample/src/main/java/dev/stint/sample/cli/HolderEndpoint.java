package dev.stint.sample.cli;

import dev.stint.LibraryLockedException;
import dev.stint.RemoteLibrary;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the control endpoint of the process that holds a library. A holder takes the library's lock first and
 * announces its endpoint ({@code control.json}) once the library has opened, a moment later: a holder that took
 * the lock less than {@link #GRACE} ago (the lock file says since when) is given until then to announce it, so
 * that a command typed while the app starts goes through it instead of failing.
 */
final class HolderEndpoint {
    /** How long after taking the lock a holder may still announce its endpoint. */
    static final Duration GRACE = Duration.ofSeconds(5);
    private static final Pattern SINCE = Pattern.compile("by process \\d+ since (\\S+?)[;)\\s]");

    private HolderEndpoint() {
    }

    /** The holder's endpoint, waiting for it while the holder is within {@link #GRACE} of taking the lock. */
    /** The holder of a library as a command that needs one sees it: its endpoint, or the exit code of "none". */
    record Found(RemoteLibrary remote, int exitCode) {
    }

    /**
     * The endpoint of the process that holds {@code dir}. When none is announced, {@code notHeld} checks (by opening
     * the library for a moment) and reports that nobody holds it, giving the exit code; if a process holds it after
     * all, its endpoint is waited for through its start-up {@link #GRACE}.
     *
     * @throws NoControlEndpointException if a process holds it without an endpoint
     */
    static Found holder(Path dir, String command, java.util.function.IntSupplier notHeld) {
        Optional<RemoteLibrary> remote = RemoteLibrary.find(dir);
        if (remote.isPresent()) {
            return new Found(remote.get(), 0);
        }
        try {
            return new Found(null, notHeld.getAsInt());
        } catch (LibraryLockedException locked) {
            // held after all: by a process that may be announcing its endpoint right now
            remote = find(dir, locked);
            if (remote.isEmpty()) {
                throw new NoControlEndpointException(locked, command);
            }
            return new Found(remote.get(), 0);
        }
    }

    static Optional<RemoteLibrary> find(Path dir, LibraryLockedException locked) {
        Optional<RemoteLibrary> remote = RemoteLibrary.find(dir);
        Instant deadline = lockedSince(locked).map(since -> since.plus(GRACE)).orElse(Instant.MIN);
        if (remote.isPresent() || !Instant.now().isBefore(deadline)) {
            return remote;
        }
        // the holder is starting: wait for its control.json to appear (a file-system signal, not a poll)
        try (WatchService watch = dir.getFileSystem().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            remote = RemoteLibrary.find(dir); // written between the first look and the registration
            while (remote.isEmpty()) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                WatchKey key = left <= 0 ? null : watch.poll(left, TimeUnit.MILLISECONDS);
                if (key == null) {
                    break;
                }
                key.pollEvents();
                key.reset();
                remote = RemoteLibrary.find(dir);
            }
        } catch (IOException e) {
            // no watch on this file system: what was found is the answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return remote;
    }

    /** When the holder took the lock, as its lock file says (the exception quotes it). */
    private static Optional<Instant> lockedSince(LibraryLockedException locked) {
        Matcher m = SINCE.matcher(String.valueOf(locked.getMessage()));
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(m.group(1)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
