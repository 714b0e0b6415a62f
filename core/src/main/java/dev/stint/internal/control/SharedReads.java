package dev.stint.internal.control;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads asked for at once are read once: identical {@code GET} requests (same path and query) that arrive while
 * one is being answered wait for the next read, which starts when that one ends and answers all of them. No
 * answer is older than its request: a request never joins a read that had started before it arrived, so a
 * client that has just paused a job and then lists sees the pause. A thousand dashboards polling the counts
 * cost the library one read at a time, not a thousand.
 */
final class SharedReads {
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    /**
     * The answer for {@code key}: read by {@code read} on this thread, or shared from the read that starts next.
     * A failure of that read ({@link ApiProblem} or another runtime exception) is every waiter's failure.
     */
    ControlResponse read(String key, Supplier<ControlResponse> read) {
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        try {
            return slot.read(read);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        } finally {
            slot.forgetIfIdle(key, slots);
        }
    }

    /** Requests on {@code key} now, reading or waiting (for tests). */
    int requests(String key) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return 0;
        }
        synchronized (slot) {
            return slot.users;
        }
    }

    /** Keys with a read running or waiting (for tests: an idle server holds none). */
    int slotsInUse() {
        return slots.size();
    }

    /** One key's reads: the one running, and the one the requests that came after it wait for. */
    private static final class Slot {
        private CompletableFuture<ControlResponse> running;
        private CompletableFuture<ControlResponse> next;
        private int users;

        ControlResponse read(Supplier<ControlResponse> read) {
            CompletableFuture<ControlResponse> mine;
            CompletableFuture<ControlResponse> after = null;
            boolean reader;
            synchronized (this) {
                users++;
                if (running == null) {
                    running = mine = new CompletableFuture<>();
                    reader = true;
                } else if (next == null) {
                    next = mine = new CompletableFuture<>();
                    after = running;
                    reader = true;
                } else {
                    mine = next;
                    reader = false;
                }
            }
            if (!reader) {
                return mine.join();
            }
            if (after != null) {
                // the read before ours started before some of us arrived: ours starts when it ends
                after.exceptionally(e -> null).join();
                synchronized (this) {
                    running = mine;
                    next = null;
                }
            }
            try {
                mine.complete(read.get());
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
            } finally {
                synchronized (this) {
                    if (running == mine) {
                        running = null;
                    }
                }
            }
            return mine.join();
        }

        void forgetIfIdle(String key, ConcurrentHashMap<String, Slot> slots) {
            synchronized (this) {
                users--;
                if (users == 0 && running == null && next == null) {
                    slots.remove(key, this);
                }
            }
        }
    }
}
