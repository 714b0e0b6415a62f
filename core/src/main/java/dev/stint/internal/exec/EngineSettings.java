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
 * Builds an {@link EngineConfig} by name: the {@link LibrarySettings} behind a {@link Library.Builder}.
 * Holds every default; each setter checks its value and names the setting when it refuses one. A later
 * call to the same setter replaces the earlier value.
 */
public final class EngineSettings implements LibrarySettings {
    final Path dir;
    Path databaseDir;
    Function<Path, String> fileStoreTypes = NetworkFolders.SYSTEM;
    int concurrency = Math.max(4, Runtime.getRuntime().availableProcessors());
    final LinkedHashMap<String, Integer> queues = new LinkedHashMap<>();
    final Map<String, dev.stint.internal.rules.RunRules.Rate> queueRates = new java.util.HashMap<>();
    final List<JobCatalog> catalogs = new ArrayList<>();
    boolean serviceLoader = true;
    Duration progressInterval = Duration.ofMillis(100);
    Duration progressPersistInterval = Duration.ofSeconds(2);
    Duration shutdownTimeout = Duration.ofSeconds(10);
    Duration busyTimeout = Duration.ofSeconds(5);
    InstantSource clock = InstantSource.system();
    boolean autoStart = true;
    Durability durability = Durability.FULL;
    Duration stallTimeout;
    Duration timeoutGrace = Duration.ofSeconds(5);
    Duration maxBackoff = Duration.ofHours(1);
    Duration historyMaxAge = Duration.ofDays(30);
    int historyMaxCount = 10_000;
    long jobLogFileBytes;
    LogBudget logBudget = LogBudget.defaults();
    Outbox.ConnectionSource outbox;
    CrashPoint crashPoint;
    boolean strictRoundTrips;
    long maxStateBytes = BlobLimits.DEFAULTS.maxStateBytes();
    long maxOutputBytes = BlobLimits.DEFAULTS.maxOutputBytes();
    long maxProgressDataBytes = BlobLimits.DEFAULTS.maxProgressDataBytes();
    int claimAhead = 16;
    ControlEndpoint controlEndpoint;

    EngineSettings(Path dir) {
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
