package dev.stint.internal.exec;

import dev.stint.DispatchOptions;
import dev.stint.Job;
import dev.stint.Library;
import dev.stint.RemoteLibrary;
import dev.stint.internal.control.RemoteClient;
import java.net.URI;
import dev.stint.internal.schedule.CronExpression;
import dev.stint.spi.CrashPoint;
import dev.stint.spi.EngineProvider;
import dev.stint.spi.LibrarySettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stint core's {@link EngineProvider}: the one place where the public API reaches the implementation
 * (loaded by name from {@code dev.stint.spi}).
 */
public final class StintEngineProvider implements EngineProvider {
    static {
        // before any engine class asks for a logger or touches msgpack-core: nothing on stderr
        dev.stint.internal.log.QuietSlf4j.bind();
        dev.stint.internal.codec.MessagePackBuffers.preferUniversal();
    }

    private volatile Function<Library.Builder, LibrarySettings> settingsReader;

    /** Created once, by the API's loader. */
    public StintEngineProvider() {
    }

    @Override
    public LibrarySettings settings(Path dir) {
        return EngineConfig.builder(dir);
    }

    @Override
    public void readSettingsWith(Function<Library.Builder, LibrarySettings> reader) {
        if (settingsReader != null) {
            throw new IllegalStateException("the Library.Builder settings reader is installed already");
        }
        settingsReader = Objects.requireNonNull(reader, "reader");
    }

    @Override
    public void crashPoint(Library.Builder builder, CrashPoint crashPoint) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(crashPoint, "crashPoint");
        // a Library.Builder instance exists, so its class has initialised and installed the reader
        settingsReader.apply(builder).crashPoint(crashPoint);
    }

    @Override
    public void strictRoundTrips(Library.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        settingsReader.apply(builder).strictRoundTrips(true);
    }

    @Override
    public String dispatchToOutbox(Connection appConnection, Job<?> job, DispatchOptions options,
            InstantSource clock) {
        return OutboxWriter.dispatch(appConnection, job, options, clock);
    }

    @Override
    public Optional<RemoteLibrary> findRemote(Path libraryDir) {
        return RemoteClient.find(libraryDir);
    }

    @Override
    public RemoteLibrary connectRemote(URI uri, String token) {
        return RemoteClient.connect(uri, token);
    }

    @Override
    public void checkCron(String expression) {
        CronExpression.parse(expression);
    }
}
