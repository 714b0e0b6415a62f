package dev.stint.internal.exec;

import dev.stint.ControlEndpoint;
import dev.stint.Library;
import dev.stint.LogBudget;
import dev.stint.Outbox;
import dev.stint.internal.codec.BlobLimits;
import dev.stint.internal.store.Durability;
import dev.stint.internal.store.NetworkFolders;
import dev.stint.spi.CrashPoint;
import dev.stint.spi.JobCatalog;
import dev.stint.spi.LibrarySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The validated settings a library opens with, built by name through {@link EngineSettings}, which owns every
 * default and rejects a value out of range, naming the setting. Immutable once built.
 */
public final class EngineConfig {
    /** The name of the queue jobs go to when nothing else is said. */
    public static final String DEFAULT_QUEUE = "default";

    private final Path dir;
    private final Path databaseDir;
    private final Function<Path, String> fileStoreTypes;
    private final Map<String, Integer> queues;
    private final Map<String, dev.stint.internal.rules.RunRules.Rate> queueRates;
    private final List<JobCatalog> catalogs;
    private final boolean serviceLoader;
    private final Duration progressInterval;
    private final Duration progressPersistInterval;
    private final Duration shutdownTimeout;
    private final Duration busyTimeout;
    private final InstantSource clock;
    private final boolean autoStart;
    private final Durability durability;
    private final Duration stallTimeout;
    private final Duration timeoutGrace;
    private final Duration maxBackoff;
    private final Duration historyMaxAge;
    private final int historyMaxCount;
    private final long jobLogFileBytes;
    private final LogBudget logBudget;
    private final Outbox.ConnectionSource outbox;
    private final CrashPoint crashPoint;
    private final boolean strictRoundTrips;
    private final BlobLimits blobLimits;
    private final int claimAhead;
    private final ControlEndpoint controlEndpoint;

    EngineConfig(EngineSettings b) {
        this.dir = b.dir;
        this.databaseDir = b.databaseDir != null ? b.databaseDir : b.dir;
        this.fileStoreTypes = b.fileStoreTypes;
        LinkedHashMap<String, Integer> all = new LinkedHashMap<>();
        all.put(DEFAULT_QUEUE, b.concurrency);
        all.putAll(b.queues);
        this.queues = Collections.unmodifiableMap(all);
        this.queueRates = Map.copyOf(b.queueRates);
        this.catalogs = List.copyOf(b.catalogs);
        this.serviceLoader = b.serviceLoader;
        this.progressInterval = b.progressInterval;
        this.progressPersistInterval = b.progressPersistInterval;
        this.shutdownTimeout = b.shutdownTimeout;
        this.busyTimeout = b.busyTimeout;
        this.clock = b.clock;
        this.autoStart = b.autoStart;
        this.durability = b.durability;
        this.stallTimeout = b.stallTimeout;
        this.timeoutGrace = b.timeoutGrace;
        this.maxBackoff = b.maxBackoff;
        this.historyMaxAge = b.historyMaxAge;
        this.historyMaxCount = b.historyMaxCount;
        this.jobLogFileBytes = b.jobLogFileBytes;
        this.logBudget = b.logBudget;
        this.outbox = b.outbox;
        this.crashPoint = b.crashPoint;
        this.strictRoundTrips = b.strictRoundTrips;
        this.blobLimits = new BlobLimits(b.maxStateBytes, b.maxOutputBytes, b.maxProgressDataBytes);
        this.claimAhead = b.claimAhead;
        this.controlEndpoint = b.controlEndpoint;
    }

    /** Settings for the library in {@code dir}, every other one at its default. */
    public static EngineSettings builder(Path dir) {
        return new EngineSettings(dir);
    }

    /** The library folder. */
    public Path dir() {
        return dir;
    }

    /** The folder of {@code jobs.db} and its lock: {@link #dir()} unless the builder named another. */
    public Path databaseDir() {
        return databaseDir;
    }

    /** Whether {@code jobs.db} lives outside the library folder. */
    public boolean separateDatabase() {
        return !databaseDir.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize());
    }

    /** How the file-system type of a folder is found ({@link NetworkFolders#SYSTEM} outside tests). */
    Function<Path, String> fileStoreTypes() {
        return fileStoreTypes;
    }

    /** The rate limits of queues, by queue. */
    public Map<String, dev.stint.internal.rules.RunRules.Rate> queueRates() {
        return queueRates;
    }

    /** Concurrency per queue, the default queue ({@value #DEFAULT_QUEUE}) first. */
    public Map<String, Integer> queues() {
        return queues;
    }

    public List<JobCatalog> catalogs() {
        return catalogs;
    }

    public boolean serviceLoader() {
        return serviceLoader;
    }

    public Duration progressInterval() {
        return progressInterval;
    }

    public Duration progressPersistInterval() {
        return progressPersistInterval;
    }

    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    public Duration busyTimeout() {
        return busyTimeout;
    }

    public InstantSource clock() {
        return clock;
    }

    public boolean autoStart() {
        return autoStart;
    }

    public Durability durability() {
        return durability;
    }

    /** How long a running job may show neither progress nor a checkpoint before a stall event, or null. */
    public Duration stallTimeout() {
        return stallTimeout;
    }

    /** How long a timed-out job has to stop at its next check before it is abandoned. */
    public Duration timeoutGrace() {
        return timeoutGrace;
    }

    /** The longest retry delay. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Duration historyMaxAge() {
        return historyMaxAge;
    }

    public int historyMaxCount() {
        return historyMaxCount;
    }

    /** The cap of each job's log file, or 0 when job log files are off. */
    public long jobLogFileBytes() {
        return jobLogFileBytes;
    }

    /** How much each job may log through its context. */
    public LogBudget logBudget() {
        return logBudget;
    }

    /** The application's database holding an outbox, or null. */
    public Outbox.ConnectionSource outbox() {
        return outbox;
    }

    /** For tests: where to simulate a crash, or null. */
    public CrashPoint crashPoint() {
        return crashPoint;
    }

    /** For tests: whether every store of a job's state is checked by a round trip. */
    public boolean strictRoundTrips() {
        return strictRoundTrips;
    }

    public BlobLimits blobLimits() {
        return blobLimits;
    }

    /** Jobs per worker a queue of short runs claims ahead of its free workers (0: none). */
    public int claimAhead() {
        return claimAhead;
    }

    /** The control endpoint's settings, or null when it is off. */
    public ControlEndpoint controlEndpoint() {
        return controlEndpoint;
    }

}
