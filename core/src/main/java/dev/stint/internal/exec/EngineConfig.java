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
 * The validated settings a library opens with, built by name through {@link Builder}, which owns every
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

    private EngineConfig(Builder b) {
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
    public static Builder builder(Path dir) {
        return new Builder(dir);
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

    /**
     * Builds an {@link EngineConfig} by name: the {@link LibrarySettings} behind a {@link Library.Builder}.
     * Holds every default; each setter checks its value and names the setting when it refuses one. A later
     * call to the same setter replaces the earlier value.
     */
    public static final class Builder implements LibrarySettings {
        private final Path dir;
        private Path databaseDir;
        private Function<Path, String> fileStoreTypes = NetworkFolders.SYSTEM;
        private int concurrency = Math.max(4, Runtime.getRuntime().availableProcessors());
        private final LinkedHashMap<String, Integer> queues = new LinkedHashMap<>();
        private final Map<String, dev.stint.internal.rules.RunRules.Rate> queueRates = new java.util.HashMap<>();
        private final List<JobCatalog> catalogs = new ArrayList<>();
        private boolean serviceLoader = true;
        private Duration progressInterval = Duration.ofMillis(100);
        private Duration progressPersistInterval = Duration.ofSeconds(2);
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private Duration busyTimeout = Duration.ofSeconds(5);
        private InstantSource clock = InstantSource.system();
        private boolean autoStart = true;
        private Durability durability = Durability.FULL;
        private Duration stallTimeout;
        private Duration timeoutGrace = Duration.ofSeconds(5);
        private Duration maxBackoff = Duration.ofHours(1);
        private Duration historyMaxAge = Duration.ofDays(30);
        private int historyMaxCount = 10_000;
        private long jobLogFileBytes;
        private LogBudget logBudget = LogBudget.defaults();
        private Outbox.ConnectionSource outbox;
        private CrashPoint crashPoint;
        private boolean strictRoundTrips;
        private long maxStateBytes = BlobLimits.DEFAULTS.maxStateBytes();
        private long maxOutputBytes = BlobLimits.DEFAULTS.maxOutputBytes();
        private long maxProgressDataBytes = BlobLimits.DEFAULTS.maxProgressDataBytes();
        private int claimAhead = 16;
        private ControlEndpoint controlEndpoint;

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        @Override
        public void concurrency(int value) {
            this.concurrency = atLeast(value, 1, "concurrency");
        }

        @Override
        public void queue(String name, int queueConcurrency) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("queue name must not be blank");
            }
            queues.put(name, atLeast(queueConcurrency, 1, "queue " + name + ": concurrency"));
        }

        @Override
        public void queueRateLimit(String queue, int starts, Duration per) {
            if (queue == null || queue.isBlank()) {
                throw new IllegalArgumentException("queue name must not be blank");
            }
            if (starts < 1) {
                throw new IllegalArgumentException("queue " + queue + ": rate limit starts must be >= 1, was " + starts);
            }
            if (per == null || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("queue " + queue + ": rate limit period must be > 0, was " + per);
            }
            queueRates.put(queue, new dev.stint.internal.rules.RunRules.Rate("queue:" + queue, starts, per.toMillis()));
        }

        @Override
        public void catalog(JobCatalog catalog) {
            catalogs.add(Objects.requireNonNull(catalog, "catalog"));
        }

        @Override
        public void useServiceLoader(boolean use) {
            this.serviceLoader = use;
        }

        @Override
        public void progressInterval(Duration value) {
            this.progressInterval = positive(value, "progressInterval");
        }

        @Override
        public void progressPersistInterval(Duration value) {
            this.progressPersistInterval = positive(value, "progressPersistInterval");
        }

        @Override
        public void shutdownTimeout(Duration value) {
            this.shutdownTimeout = notNegative(value, "shutdownTimeout");
        }

        @Override
        public void busyTimeout(Duration value) {
            this.busyTimeout = notNegative(value, "busyTimeout");
        }

        @Override
        public void clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
        }

        @Override
        public void autoStart(boolean value) {
            this.autoStart = value;
        }

        @Override
        public void powerSafe(boolean powerSafe) {
            this.durability = powerSafe ? Durability.FULL : Durability.NORMAL;
        }

        @Override
        public void stallTimeout(Duration value) {
            this.stallTimeout = positive(value, "stallTimeout");
        }

        @Override
        public void timeoutGrace(Duration value) {
            this.timeoutGrace = notNegative(value, "timeoutGrace");
        }

        @Override
        public void maxBackoff(Duration value) {
            this.maxBackoff = positive(value, "maxBackoff");
        }

        @Override
        public void historyRetention(Duration maxAge, int maxCount) {
            this.historyMaxAge = positive(maxAge, "history maxAge");
            this.historyMaxCount = atLeast(maxCount, 0, "history maxCount");
        }

        @Override
        public void jobLogFiles(long value) {
            this.jobLogFileBytes = atLeast(value, 1, "maxBytesPerJob");
        }

        @Override
        public void logBudget(LogBudget value) {
            this.logBudget = Objects.requireNonNull(value, "budget");
        }

        @Override
        public void outbox(Outbox.ConnectionSource value) {
            this.outbox = Objects.requireNonNull(value, "source");
        }

        @Override
        public void databaseFolder(Path folder) {
            this.databaseDir = Objects.requireNonNull(folder, "folder");
        }

        /** Tests only: how the file-system type of a folder is found, instead of its {@code FileStore}. */
        void fileStoreTypes(Function<Path, String> types) {
            this.fileStoreTypes = Objects.requireNonNull(types, "types");
        }

        @Override
        public void crashPoint(CrashPoint value) {
            this.crashPoint = Objects.requireNonNull(value, "crashPoint");
        }

        @Override
        public void strictRoundTrips(boolean strict) {
            this.strictRoundTrips = strict;
        }

        @Override
        public void maxStateBytes(long value) {
            this.maxStateBytes = atLeast(value, 1, "maxStateBytes");
        }

        @Override
        public void maxOutputBytes(long value) {
            this.maxOutputBytes = atLeast(value, 1, "maxOutputBytes");
        }

        @Override
        public void maxProgressDataBytes(long value) {
            this.maxProgressDataBytes = atLeast(value, 1, "maxProgressDataBytes");
        }

        @Override
        public void claimAhead(int value) {
            if (value < 0 || value > 1024) {
                throw new IllegalArgumentException("claimAhead must be between 0 and 1024, was " + value);
            }
            this.claimAhead = value;
        }

        @Override
        public void controlEndpoint(ControlEndpoint endpoint) {
            this.controlEndpoint = Objects.requireNonNull(endpoint, "endpoint");
        }

        public EngineConfig build() {
            return new EngineConfig(this);
        }

        @Override
        public Library open() {
            return OpenLibrary.open(build());
        }

        private static int atLeast(int value, int min, String name) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
            }
            return value;
        }

        private static long atLeast(long value, long min, String name) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
            }
            return value;
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be > 0, was " + d);
            }
            return d;
        }

        private static Duration notNegative(Duration d, String name) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be >= 0, was " + d);
            }
            return d;
        }
    }
}
