package dev.stint;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Something a job uses that other jobs must not use in a conflicting way at the same time: a file or folder
 * ({@link #path}) or anything else the application names ({@link #key}). Declared at dispatch with
 * {@link DispatchOptions#withResources}. Two jobs conflict when they name the same resource (for paths: the
 * same one, or one inside the other) and at least one of them writes; readers share. Conflicting jobs never
 * run at the same time: a job waits, without holding a worker, until its conflicts have ended, and then
 * starts in priority and dispatch order; a waiting writer is not overtaken by readers dispatched after it.
 *
 * <pre>{@code
 * library.dispatch(new ExportAlbum(album), DispatchOptions.defaults()
 *         .withResources(Resource.path(albumFolder, Resource.Mode.READ), Resource.path(exportFolder, Resource.Mode.WRITE)));
 * }</pre>
 *
 * <p>Paths are compared in a normal form: absolute, with {@code .} and {@code ..} resolved, and, on Windows
 * and macOS (whose file systems ignore case by default), in lower case; so two spellings of one folder
 * conflict. Links are not followed.
 */
public final class Resource {
    /** How a job uses a resource. */
    public enum Mode {
        /** Reads it: shares it with other readers. */
        READ,
        /** Changes it: runs alone on it (and on everything inside it, for a folder). */
        WRITE;

        /** The lowercase name used by the console and in {@code jobs.db}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final boolean CASE_INSENSITIVE_PATHS = caseInsensitivePlatform();

    private final boolean path;
    private final String name;
    private final Mode mode;

    private Resource(boolean path, String name, Mode mode) {
        this.path = path;
        this.name = name;
        this.mode = mode;
    }

    /** A file or folder; a folder covers everything inside it. */
    public static Resource path(Path path, Mode mode) {
        Objects.requireNonNull(path, "path");
        return new Resource(true, normalPath(path.toAbsolutePath().normalize().toString()),
                Objects.requireNonNull(mode, "mode"));
    }

    /** Any other resource, by a name the application chooses (for example {@code "account:42"}). */
    public static Resource key(String key, Mode mode) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("resource key must not be blank");
        }
        if (key.length() > 1_000) {
            throw new IllegalArgumentException("resource key must be at most 1,000 characters, was " + key.length());
        }
        return new Resource(false, key, Objects.requireNonNull(mode, "mode"));
    }

    /**
     * Parses the console's form: {@code MODE:PATH} or {@code MODE:key:NAME}, MODE being {@code read} or
     * {@code write} (for example {@code write:/photos/2024} or {@code read:key:account-42}).
     *
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static Resource parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("a resource is MODE:PATH or MODE:key:NAME with MODE read or write,"
                    + " for example write:/photos or read:key:account-42; was '" + text + "'");
        }
        Mode mode = switch (text.substring(0, colon).toLowerCase(Locale.ROOT)) {
            case "read" -> Mode.READ;
            case "write" -> Mode.WRITE;
            default -> throw new IllegalArgumentException("a resource's mode is read or write, was '"
                    + text.substring(0, colon) + "' in '" + text + "'");
        };
        String rest = text.substring(colon + 1);
        if (rest.startsWith("key:")) {
            return key(rest.substring(4), mode);
        }
        return path(Path.of(rest), mode);
    }

    /** Whether this is a file or folder (else a named key). */
    public boolean isPath() {
        return path;
    }

    /** The path in normal form (forward slashes on every platform), or the key. */
    public String name() {
        return name;
    }

    /** How the job uses it. */
    public Mode mode() {
        return mode;
    }

    /** The console's form ({@link #parse} reads it back): {@code write:/photos}, {@code read:key:account-42}. */
    public String text() {
        return mode.wireName() + ":" + (path ? name : "key:" + name);
    }

    private static String normalPath(String absolute) {
        String p = absolute.replace('\\', '/');
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return CASE_INSENSITIVE_PATHS ? p.toLowerCase(Locale.ROOT) : p;
    }

    private static boolean caseInsensitivePlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.startsWith("windows") || os.startsWith("mac");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resource r && r.path == path && r.name.equals(name) && r.mode == mode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, name, mode);
    }

    @Override
    public String toString() {
        return text();
    }
}
