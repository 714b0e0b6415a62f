package dev.stint;

import dev.stint.spi.EngineProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A library owned by another process (or another part of this one), reached through its control endpoint
 * ({@link Library.Builder#controlEndpoint(ControlEndpoint)}). Its methods do what {@link Library}'s methods of
 * the same name do, return the same {@code dev.stint} types (a job's {@link JobInfo} where {@code Library}
 * gives a handle or nothing), and throw the same exceptions ({@link JobNotFoundException},
 * {@link UnknownJobTypeException}, {@link InvalidJobArgumentsException}, {@link IllegalJobTransitionException},
 * {@link JobNotRetryableException}, {@link JobNotResumableException}, {@link UnknownQueueException},
 * {@link LibraryClosedException}); a refusal of the endpoint itself (a wrong token, a size cap, no answer)
 * throws {@link ControlEndpointException}.
 *
 * <pre>{@code
 * try (RemoteLibrary remote = RemoteLibrary.find(Path.of("photos")).orElseThrow()) {
 *     JobInfo job = remote.dispatch("import", "{\"folder\":\"/media/card\"}", DispatchOptions.defaults());
 *     remote.pause(job.id());
 * }
 * }</pre>
 *
 * <p>Jobs read through the endpoint carry what {@code stint list --json} shows: a job's timeout, intermediate
 * results, completed steps, error stack traces and error times are not sent (they come back null, 0 or empty;
 * an error's time is the job's finish time). Thread-safe. Not for job code: jobs run inside their library.
 */
public interface RemoteLibrary extends AutoCloseable {
    /**
     * The endpoint of the library in {@code libraryDir}, if its owner runs one: reads {@code control.json} and
     * {@code control.token} there. Empty when there is no {@code control.json}, when it is malformed, or when the
     * process it names is gone (a crashed owner's stale file). Does not contact the endpoint.
     *
     * @throws ControlEndpointException ({@code transport}) if the files exist but cannot be read (for example, they
     *     belong to another user)
     */
    static Optional<RemoteLibrary> find(Path libraryDir) {
        return EngineProvider.get().findRemote(libraryDir);
    }

    /**
     * A client of the endpoint at {@code uri} ({@code http://127.0.0.1:PORT}) with {@code token}. Prefer
     * {@link #find}; this is for callers that got both another way.
     *
     * @throws IllegalArgumentException if {@code uri} is not an {@code http} URI on a loopback host
     */
    static RemoteLibrary connect(URI uri, String token) {
        return EngineProvider.get().connectRemote(uri, token);
    }

    /** The endpoint's base URI. */
    URI uri();

    /**
     * Stores a job given by type name and JSON arguments, with options; see
     * {@link Library#dispatch(String, String, DispatchOptions)}.
     *
     * @return the stored job
     * @throws InvalidJobArgumentsException if {@code jsonArguments} is not JSON (nothing is sent) or does not fit
     */
    JobInfo dispatch(String name, String jsonArguments, DispatchOptions options);

    /** {@link #dispatch(String, String, DispatchOptions)} with default options. */
    JobInfo dispatch(String name, String jsonArguments);

    /** A snapshot of one job, active or in history; see {@link Library#job(String)}. */
    Optional<JobInfo> job(String id);

    /**
     * Jobs matching a query, one page at a time; see {@link Library#query(JobQuery)}. The endpoint takes status,
     * name, queue, parent and a page of at most 1,000.
     *
     * @throws IllegalArgumentException if the query uses what the endpoint does not take (creation times,
     *     {@link JobQuery#after}, an offset that is not a whole number of pages, or pages over 1,000)
     */
    List<JobInfo> query(JobQuery query);

    /** How many jobs are in each status; see {@link Library#counts()}. */
    JobCounts counts();

    /** Pauses a job; see {@link Library#pause(String)}. Returns the job after the change. */
    JobInfo pause(String id);

    /** Resumes a paused job; see {@link Library#resume(String)}. Returns the job after the change. */
    JobInfo resume(String id);

    /** Cancels a job; see {@link Library#cancel(String)}. Returns the job after the change. */
    JobInfo cancel(String id);

    /** Dispatches a failed or cancelled job again; see {@link Library#retry(String)}. Returns the new job. */
    JobInfo retry(String id);

    /** Pauses a queue; see {@link Library#pauseQueue(String)}. Returns the queue after the change. */
    QueueInfo pauseQueue(String name);

    /** Resumes a queue; see {@link Library#resumeQueue(String)}. Returns the queue after the change. */
    QueueInfo resumeQueue(String name);

    /** The library's queues; see {@link Library#queues()}. */
    List<QueueInfo> queues();

    /** The library's recurring schedules; see {@link Library#schedules()}. */
    List<ScheduleInfo> schedules();

    /**
     * A single-use link into the endpoint's dashboard, valid for 60 seconds: opening it in a browser signs that
     * browser in (a session cookie) and shows the dashboard. The link grants nothing once used, so it may show in
     * a browser's history.
     */
    DashboardTicket dashboardTicket();

    /** {@link #events(long, Consumer)} from now on: new events only. */
    EventStream events(Consumer<RemoteEvent> consumer);

    /**
     * Streams the library's job events (status changes and coalesced progress) to {@code consumer}, on a thread
     * of its own, in order, starting after event {@code lastEventId} (events the endpoint still keeps, the last
     * 10,000, are sent first; if that one is gone, the stream starts with a {@link RemoteEvent.Kind#RESET}). Returns
     * once the endpoint has accepted the stream. The stream does not reconnect by itself: when
     * {@link EventStream#ended()} completes, open another one after the last id seen. A consumer that throws
     * ends the stream. A consumer that keeps up too slowly is dropped by the endpoint.
     *
     * @throws ControlEndpointException if the endpoint refuses the stream (for example, too many are open)
     */
    EventStream events(long lastEventId, Consumer<RemoteEvent> consumer);

    /** Stops every event stream of this client and releases its connections. */
    @Override
    void close();

    /** An open event stream ({@link #events}); {@link #close()} stops it. */
    interface EventStream extends Subscription {
        /**
         * Completes when the stream ends: normally if the endpoint ended it cleanly; exceptionally with a
         * {@link ControlEndpointException} ({@code transport}) when the connection ended otherwise (the library
         * closed, its process died, or this client read too slowly and was dropped), or with what the consumer
         * threw; cancelled when {@link #close()} stopped it.
         */
        CompletableFuture<Void> ended();
    }

    /**
     * A single-use dashboard link.
     *
     * @param ticket the ticket itself
     * @param url the link that redeems it: {@code http://127.0.0.1:PORT/login?ticket=...}
     */
    record DashboardTicket(String ticket, URI url) {
        @Override
        public String toString() {
            return "DashboardTicket[****]";
        }
    }
}
