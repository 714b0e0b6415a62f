package dev.stint.spi;

/**
 * Loads the {@link EngineProvider} once, on first use. The implementation is stint-core's own class, named
 * here rather than imported, so that the API packages compile without the implementation packages.
 */
final class EngineProviderHolder {
    private static final String IMPLEMENTATION = "dev.stint.internal.exec.StintEngineProvider";

    static final EngineProvider INSTANCE = load();

    private EngineProviderHolder() {
    }

    private static EngineProvider load() {
        try {
            return (EngineProvider) Class.forName(IMPLEMENTATION, true, EngineProviderHolder.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("stint-core is incomplete: its engine " + IMPLEMENTATION
                    + " cannot be loaded", e);
        }
    }
}
