package dev.stint.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.Library;
import dev.stint.spi.CrashPoint;
import dev.stint.spi.JobCatalog;
import dev.stint.spi.TestHooks;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * Tests your own jobs against a real {@code jobs.db} in a temporary folder: a {@link ManualClock}, run until
 * idle, crash at a chosen checkpoint or step and reopen the same library, and assertions on what is stored. In
 * {@linkplain #strict(boolean) strict mode} (the default) every checkpoint and step is checked to come back as it
 * is after a resume.
 *
 * <pre>{@code
 * try (StintTestKit kit = StintTestKit.in(tempDir).catalog(new StintJobCatalog())) {
 *     String id = kit.library().dispatch(new ImportJob(files)).id();
 *     kit.crashAfterCheckpoint("photos.import", 2);       // the next open crashes there
 *     kit.reopen();
 *     kit.awaitCrash();                                  // as if the process was killed right after it
 *     kit.reopen();                                       // restart rules apply: the job resumes
 *     kit.runUntilIdle();
 *     kit.assertJob(id).isCompleted().hasRunCount(2);
 * }
 * }</pre>
 *
 * <p>Not thread-safe: drive it from the test's thread.
 */
public final class StintTestKit implements AutoCloseable {
    private static final ObjectMapper MSGPACK = new ObjectMapper(new MessagePackFactory());
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final ManualClock clock;
    private final List<JobCatalog> catalogs = new ArrayList<>();
    private UnaryOperator<Library.Builder> customizer = UnaryOperator.identity();
    private boolean strict = true;
    private Library library;
    private CrashPoint armed;
    private CountDownLatch crashed = new CountDownLatch(1);
    private volatile boolean crashHappened;

    private StintTestKit(Path dir, Instant start) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.clock = new ManualClock(start);
    }

    /** A kit for the library folder {@code dir} (a temporary folder of your test), clock at 2026-01-01T00:00Z. */
    public static StintTestKit in(Path dir) {
        return new StintTestKit(dir, Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Adds a job catalog (for example the {@code StintJobCatalog} the processor generated for your jobs). */
    public StintTestKit catalog(JobCatalog catalog) {
        catalogs.add(Objects.requireNonNull(catalog, "catalog"));
        return this;
    }

    /**
     * Strict mode, on unless turned off: every store of a job's state (each checkpoint, step and spawn, not only
     * the first of each run as in production) is decoded again and compared with the job's fields, so a field
     * that would not survive a resume fails the job under test with {@link dev.stint.StateRoundTripException}
     * wherever in the run it first goes wrong (say, a {@code List<Object>} that receives its first {@code Path}
     * at the tenth checkpoint). Step results and intermediate results are checked in every mode. Applies from the
     * next open.
     *
     * @param strict false to check only what a production library checks (a decode per checkpoint less)
     */
    public StintTestKit strict(boolean strict) {
        this.strict = strict;
        return this;
    }

    /** Further builder settings (queues, intervals...) applied at every open. */
    public StintTestKit configure(UnaryOperator<Library.Builder> settings) {
        this.customizer = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** The library's clock: advance it instead of sleeping. */
    public ManualClock clock() {
        return clock;
    }

    /** The open library (opened on first use). */
    public Library library() {
        if (library == null) {
            library = open();
        }
        return library;
    }

    /**
     * Arms a crash for the next open: the library crashes, as if killed, right after job type
     * {@code jobName} commits its {@code n}-th checkpoint of a run.
     */
    public StintTestKit crashAfterCheckpoint(String jobName, int n) {
        armed = (id, name, kind, step, count) -> kind == CrashPoint.Kind.CHECKPOINT && name.equals(jobName) && count == n;
        return this;
    }

    /** Arms a crash for the next open, right after job type {@code jobName} commits step {@code stepName}. */
    public StintTestKit crashAfterStep(String jobName, String stepName) {
        armed = (id, name, kind, step, count) -> kind == CrashPoint.Kind.STEP && name.equals(jobName)
                && stepName.equals(step);
        return this;
    }

    /**
     * Closes the library gracefully (unless it crashed) and opens the same folder again: the restart rules
     * apply as in a real restart. An armed crash applies to the newly opened library.
     */
    public Library reopen() {
        if (library != null) {
            library.close();
        }
        library = open();
        return library;
    }

    /** Waits until the armed crash has happened; fails the test if it does not within 30 s. */
    public void awaitCrash() throws InterruptedException {
        if (!crashed.await(IDLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the armed crash did not happen within " + IDLE_TIMEOUT);
        }
    }

    /** Whether the last armed crash has happened. */
    public boolean hasCrashed() {
        return crashHappened;
    }

    /**
     * Runs until no job is running or pending (advance the clock for delayed jobs first); fails the test,
     * listing the active jobs, if that does not happen within 30 s.
     */
    public void runUntilIdle() throws InterruptedException {
        if (!library().awaitIdle(IDLE_TIMEOUT)) {
            List<String> active = library().activeJobs().stream()
                    .map(j -> j.id() + " " + j.name() + " " + j.status().wireName()).toList();
            throw new AssertionError("library not idle after " + IDLE_TIMEOUT + "; active jobs: " + active);
        }
    }

    /** Assertions on one job as stored. */
    public JobAssert assertJob(String id) {
        return new JobAssert(this, id);
    }

    /** Every job, active and finished, of a type. */
    public List<JobInfo> jobsNamed(String name) {
        return library().query(JobQuery.all().withName(name).page(0, 10_000));
    }

    /**
     * The job's latest stored state as a tree of fields: its latest checkpoint if it has one, else its
     * dispatched state; empty when the job is in history (states are not kept there). Read straight from
     * {@code jobs.db}, so it works also after a crash, before reopening.
     */
    public Optional<ObjectNode> storedState(String id) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                PreparedStatement ps = c.prepareStatement("SELECT COALESCE((SELECT state FROM job_checkpoints"
                        + " WHERE job_id = j.id), j.state) FROM jobs j WHERE j.id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of((ObjectNode) MSGPACK.readTree(rs.getBytes(1)));
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot read the stored state of job " + id + ": " + e.getMessage(), e);
        }
    }

    /** The names of the steps a job has committed, in order. */
    public List<String> committedSteps(String id) {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                PreparedStatement ps = c.prepareStatement("SELECT name FROM job_steps WHERE job_id = ? ORDER BY seq")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the steps of job " + id + ": " + e.getMessage(), e);
        }
        return names;
    }

    private Library open() {
        Library.Builder builder = Library.builder(dir).useServiceLoader(catalogs.isEmpty()).clock(clock)
                .progressInterval(Duration.ofMillis(10)).shutdownTimeout(Duration.ofSeconds(5));
        catalogs.forEach(builder::catalog);
        if (strict) {
            TestHooks.withStrictRoundTrips(builder);
        }
        CrashPoint point = armed;
        if (point != null) {
            armed = null;
            CountDownLatch latch = new CountDownLatch(1);
            crashed = latch;
            crashHappened = false;
            TestHooks.withCrashPoint(builder, new CrashPoint() {
                @Override
                public boolean crashAfter(String id, String name, Kind kind, String step, int count) {
                    return point.crashAfter(id, name, kind, step, count);
                }

                @Override
                public void crashed() {
                    crashHappened = true;
                    latch.countDown();
                }
            });
        }
        return customizer.apply(builder).open();
    }

    /** Closes the library (gracefully, unless it crashed). */
    @Override
    public void close() {
        if (library != null) {
            library.close();
            library = null;
        }
    }
}
