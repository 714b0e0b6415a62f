package dev.stint.spi;

import dev.stint.DispatchOptions;
import dev.stint.Job;
import dev.stint.Library;
import dev.stint.RemoteLibrary;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the public API ({@code dev.stint}) asks of the engine that implements it, so that the API packages
 * import no implementation class. Stint core has the one implementation, loaded once by name; applications
 * never call or implement this.
 */
public interface EngineProvider {
    /** The engine. */
    static EngineProvider get() {
        return EngineProviderHolder.INSTANCE;
    }

    /** Fresh settings, at their defaults, for the library in {@code dir}. */
    LibrarySettings settings(Path dir);

    /** Called once by {@link Library.Builder}: how to reach a builder's settings (for {@link TestHooks}). */
    void readSettingsWith(Function<Library.Builder, LibrarySettings> reader);

    /** Sets a test-only crash point on a builder's settings; see {@link TestHooks#withCrashPoint}. */
    void crashPoint(Library.Builder builder, CrashPoint crashPoint);

    /** Makes the library that {@code builder} opens check every store of a job's state by a round trip. */
    void strictRoundTrips(Library.Builder builder);

    /** Writes a job into an application's outbox; see {@link dev.stint.Outbox#dispatch}. */
    String dispatchToOutbox(Connection appConnection, Job<?> job, DispatchOptions options, InstantSource clock);

    /** The control endpoint announced in a library folder; see {@link dev.stint.RemoteLibrary#find(Path)}. */
    Optional<RemoteLibrary> findRemote(Path libraryDir);

    /** A client of a control endpoint; see {@link dev.stint.RemoteLibrary#connect(URI, String)}. */
    RemoteLibrary connectRemote(URI uri, String token);

    /**
     * Checks a cron expression.
     *
     * @throws IllegalArgumentException if it is malformed (the message names the field)
     */
    void checkCron(String expression);
}
