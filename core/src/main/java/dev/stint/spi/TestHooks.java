package dev.stint.spi;

import dev.stint.Library;

/**
 * Test-only settings of a library, kept off the application's {@link Library.Builder}: the test kit
 * ({@code stint-testkit}) and Stint's own crash tests use them. Never call them in production code.
 */
public final class TestHooks {

    private TestHooks() {
    }

    /**
     * Makes the library that {@code builder} opens crash, as if its process were killed, after the commit
     * that {@code crashPoint} selects (see {@link CrashPoint}). Tests only.
     *
     * @return {@code builder}, for chaining
     * @throws NullPointerException if either argument is null
     */
    public static Library.Builder withCrashPoint(Library.Builder builder, CrashPoint crashPoint) {
        EngineProvider.get().crashPoint(builder, crashPoint);
        return builder;
    }
}
