package dev.stint.sample.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.DispatchOptions;
import dev.stint.InvalidJobArgumentsException;
import dev.stint.JobInfo;
import dev.stint.LibraryLockedException;
import dev.stint.RemoteLibrary;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The library through the control endpoint of the process that holds it ({@link RemoteLibrary}): the console's
 * access while {@code stint run}, the sample apps or any app with its endpoint on has the library open. The
 * client answers with the same {@code dev.stint} types and typed exceptions as a {@link dev.stint.Library}, so the
 * commands print what they print locally ({@code list --json} decodes each job and writes it again with
 * {@link JobJson}, the form the endpoint itself sends).
 */
final class EndpointAccess implements LibraryAccess {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RemoteLibrary remote;

    private EndpointAccess(RemoteLibrary remote) {
        this.remote = remote;
    }

    /**
     * The endpoint of the process that holds the library in {@code dir} (it refused to open with {@code locked}), if
     * that process runs one ({@link HolderEndpoint}).
     */
    static Optional<LibraryAccess> find(Path dir, LibraryLockedException locked) {
        return HolderEndpoint.find(dir, locked).map(EndpointAccess::new);
    }

    @Override
    public String dispatch(String name, String jsonArguments, DispatchOptions options) {
        try {
            JSON.readTree(jsonArguments);
        } catch (JsonProcessingException e) {
            // as the library says it (the client's own wording differs): the same message either way
            throw new InvalidJobArgumentsException(name, e.getOriginalMessage(), e);
        }
        return remote.dispatch(name, jsonArguments, options).id();
    }

    @Override
    public Iterable<JobInfo> allJobs() {
        return JobPages.numbered(remote::query);
    }

    @Override
    public Optional<JobInfo> pause(String id) {
        // the answer is the job after the change: no second call, which could find the holder closing
        return Optional.of(remote.pause(id));
    }

    @Override
    public Optional<JobInfo> resume(String id) {
        // the answer is the job after the change: no second call, which could find the holder closing
        return Optional.of(remote.resume(id));
    }

    @Override
    public Optional<JobInfo> cancel(String id) {
        // the answer is the job after the change: no second call, which could find the holder closing
        return Optional.of(remote.cancel(id));
    }

    @Override
    public String retry(String id) {
        return remote.retry(id).id();
    }

    @Override
    public void close() {
        remote.close();
    }
}
