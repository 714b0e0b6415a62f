package dev.stint.internal.exec;

import dev.stint.LibraryClosedException;
import java.util.concurrent.atomic.AtomicBoolean;

/** Whether the library is open: the one owner of the closed flag, which close and a crash set once. */
final class OpenState {
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String label;

    OpenState(String label) {
        this.label = label;
    }

    /** The library's label in log lines and messages (its folder's name). */
    String label() {
        return label;
    }

    /** Throws {@link LibraryClosedException} once the library is closed. */
    void ensureOpen() {
        if (closed.get()) {
            throw new LibraryClosedException(null, "library " + label + " is closed");
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Marks the library closed; true for the first caller only. */
    boolean close() {
        return closed.compareAndSet(false, true);
    }
}
