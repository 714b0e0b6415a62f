package dev.stint.wasm.internal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which discovered extensions serve which library. A job object is rebuilt by the engine from stored state
 * (the engine knows nothing of extensions), so a running {@link WasmJob} finds its module here: by the
 * library folder it runs in, or else in the most recent discovery that has its name.
 */
public final class ExtensionBindings {
    private static final int RECENT = 16;
    private static final Map<Path, ExtensionSet> BY_LIBRARY = new ConcurrentHashMap<>();
    private static final Deque<ExtensionSet> RECENTLY_DISCOVERED = new ArrayDeque<>();

    private ExtensionBindings() {
    }

    /** Records the extensions discovered for a library folder (replacing an earlier discovery). */
    public static void bind(Path libraryDir, ExtensionSet set) {
        BY_LIBRARY.put(key(libraryDir), set);
        synchronized (RECENTLY_DISCOVERED) {
            RECENTLY_DISCOVERED.remove(set);
            RECENTLY_DISCOVERED.addFirst(set);
            while (RECENTLY_DISCOVERED.size() > RECENT) {
                RECENTLY_DISCOVERED.removeLast();
            }
        }
    }

    /** The job with this dispatch name for a library. */
    static Optional<ExtensionJob> find(Path libraryDir, String dispatchName) {
        ExtensionSet set = BY_LIBRARY.get(key(libraryDir));
        if (set != null && set.job(dispatchName).isPresent()) {
            return set.job(dispatchName);
        }
        synchronized (RECENTLY_DISCOVERED) {
            for (ExtensionSet recent : RECENTLY_DISCOVERED) {
                if (recent.job(dispatchName).isPresent()) {
                    return recent.job(dispatchName);
                }
            }
        }
        return Optional.empty();
    }

    private static Path key(Path dir) {
        return dir.toAbsolutePath().normalize();
    }
}
