package dev.stint.internal.exec;

import dev.stint.Library;
import java.util.Objects;
import java.util.function.Function;

/**
 * The door from {@code dev.stint.spi.TestHooks} to the {@link EngineConfig.Builder} that a public
 * {@link Library.Builder} wraps, so that test-only settings need no method on the application's builder.
 * {@code Library.Builder} installs the reader once, when its class initialises (before any builder exists).
 */
public final class BuilderSettings {
    private static volatile Function<Library.Builder, EngineConfig.Builder> reader;

    private BuilderSettings() {
    }

    /**
     * Installs the reader; called once by {@code Library.Builder}.
     *
     * @throws IllegalStateException if a reader is installed already
     */
    public static synchronized void install(Function<Library.Builder, EngineConfig.Builder> settings) {
        if (reader != null) {
            throw new IllegalStateException("the Library.Builder settings reader is installed already");
        }
        reader = Objects.requireNonNull(settings, "settings");
    }

    /** The engine settings {@code builder} forwards to. */
    public static EngineConfig.Builder of(Library.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        // a Library.Builder instance exists, so its class has initialised and installed the reader
        return reader.apply(builder);
    }
}
