package dev.stint.internal.log;

import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Keeps SLF4J from printing on stderr when the application has no logging provider: SLF4J 2 then prints three
 * "No SLF4J providers were found" lines the first time anyone asks for a logger, and Stint would be that someone
 * in an application that does not log. A library opened with no flags prints nothing, so when no provider is
 * present (and the application has not chosen SLF4J's own verbosity), SLF4J is initialised here with its
 * internal reports at {@code ERROR}: it falls back to its no-operation logger silently, as it would anyway.
 *
 * <p>With a provider present (slf4j-simple, Logback, Log4j's bridge) this does nothing, and SLF4J reports as
 * usual. SLF4J reads {@code slf4j.internal.verbosity} once; the property is removed again right after.
 */
public final class QuietSlf4j {
    private static final String VERBOSITY = "slf4j.internal.verbosity";

    private QuietSlf4j() {
    }

    /** Initialises SLF4J without its no-provider lines when there is no provider; call before the first logger. */
    public static synchronized void bind() {
        if (System.getProperty(VERBOSITY) != null || System.getProperty("slf4j.provider") != null || hasProvider()) {
            return;
        }
        System.setProperty(VERBOSITY, "ERROR");
        try {
            LoggerFactory.getILoggerFactory();
        } finally {
            System.clearProperty(VERBOSITY);
        }
    }

    private static boolean hasProvider() {
        if (LoggerFactory.class.getClassLoader() != null
                && LoggerFactory.class.getClassLoader().getResource("org/slf4j/impl/StaticLoggerBinder.class") != null) {
            return true; // an SLF4J 1.7 binding: SLF4J's lines say why it is ignored, keep them
        }
        try {
            return ServiceLoader.load(SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader()).findFirst()
                    .isPresent();
        } catch (java.util.ServiceConfigurationError e) {
            return true; // a broken provider: let SLF4J say so
        }
    }
}
