package dev.stint.internal.exec;

import dev.stint.Library;
import dev.stint.spi.CrashPoint;
import java.lang.reflect.Field;

/** Reads the engine settings behind a {@link Library.Builder} (tests only). */
public final class EngineSettingsProbe {
    private EngineSettingsProbe() {
    }

    /** The crash point the builder's settings hold. */
    public static CrashPoint crashPoint(Library.Builder builder) {
        try {
            Field f = Library.Builder.class.getDeclaredField("config");
            f.setAccessible(true);
            return ((EngineConfig.Builder) f.get(builder)).build().crashPoint();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the builder's settings moved; update EngineSettingsProbe", e);
        }
    }
}
