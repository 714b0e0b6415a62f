package dev.stint.sample.cli;

import dev.stint.Library;

/**
 * Closes a library exactly once, from whichever thread asks first (the main thread when the work is done,
 * or the shutdown hook on SIGINT/SIGTERM). A second caller waits until the first close has finished, so
 * the JVM never exits halfway through saving running jobs. The close itself never waits for the other
 * thread, so the two cannot deadlock.
 */
final class LibraryCloser {
    private final Library library;
    private volatile boolean closing;
    private boolean closed;

    LibraryCloser(Library library) {
        this.library = library;
    }

    /** Whether a close was asked for. Set before the library starts closing. */
    boolean isClosing() {
        return closing;
    }

    /** Closes the library, or waits for the close already under way. */
    void close() {
        closing = true;
        synchronized (this) {
            if (!closed) {
                closed = true;
                library.close();
            }
        }
    }
}
