package dev.stint.internal.exec;

import dev.stint.Library;
import dev.stint.spi.CrashPoint;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.function.Function;

/** Reads the engine settings behind a {@link Library.Builder} (tests only). */
public final class EngineSettingsProbe {
    private EngineSettingsProbe() {
    }

    /** The crash point the builder's settings hold. */
    public static CrashPoint crashPoint(Library.Builder builder) {
        return settings(builder).build().crashPoint();
    }

    /**
     * Makes the library that {@code builder} opens read each folder's file-system type from {@code types} (a
     * stand-in for the folder's {@code FileStore}) instead of the real one; returns {@code builder}.
     */
    public static Library.Builder withFileStoreTypes(Library.Builder builder, Function<Path, String> types) {
        settings(builder).fileStoreTypes(types);
        return builder;
    }

    private static EngineSettings settings(Library.Builder builder) {
        try {
            Field f = Library.Builder.class.getDeclaredField("config");
            f.setAccessible(true);
            return (EngineSettings) f.get(builder);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the builder's settings moved; update EngineSettingsProbe", e);
        }
    }
}
