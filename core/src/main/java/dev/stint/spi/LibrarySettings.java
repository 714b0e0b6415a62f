package dev.stint.spi;

import dev.stint.Library;
import dev.stint.LogBudget;
import dev.stint.Outbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The settings behind a {@link Library.Builder}: one method per builder method (see there for what each
 * means and refuses), implemented by the engine ({@link EngineProvider#settings}). Applications use the
 * builder, never this.
 */
public interface LibrarySettings {
    /** Sets what {@link Library.Builder#concurrency(int)} sets. */
    void concurrency(int concurrency);

    /** Sets what {@link Library.Builder#queue(String,int)} sets. */
    void queue(String name, int concurrency);

    /** Sets what {@link Library.Builder#queueRateLimit(String,int,Duration)} sets. */
    void queueRateLimit(String queue, int starts, Duration per);

    /** Sets what {@link Library.Builder#stallTimeout(Duration)} sets. */
    void stallTimeout(Duration timeout);

    /** Sets what {@link Library.Builder#timeoutGrace(Duration)} sets. */
    void timeoutGrace(Duration grace);

    /** Sets what {@link Library.Builder#claimAhead(int)} sets. */
    void claimAhead(int jobsPerWorker);

    /** Sets what {@link Library.Builder#maxBackoff(Duration)} sets. */
    void maxBackoff(Duration max);

    /** Sets what {@link Library.Builder#historyRetention(Duration,int)} sets. */
    void historyRetention(Duration maxAge, int maxCount);

    /** Sets what {@link Library.Builder#jobLogFiles(long)} sets. */
    void jobLogFiles(long maxBytesPerJob);

    /** Sets what {@link Library.Builder#logBudget(LogBudget)} sets. */
    void logBudget(LogBudget budget);

    /** Sets what {@link Library.Builder#outbox(Outbox.ConnectionSource)} sets. */
    void outbox(Outbox.ConnectionSource source);

    /** Sets what {@link Library.Builder#catalog(JobCatalog)} sets. */
    void catalog(JobCatalog catalog);

    /** Sets what {@link Library.Builder#useServiceLoader(boolean)} sets. */
    void useServiceLoader(boolean use);

    /** Sets what {@link Library.Builder#progressInterval(Duration)} sets. */
    void progressInterval(Duration interval);

    /** Sets what {@link Library.Builder#progressPersistInterval(Duration)} sets. */
    void progressPersistInterval(Duration interval);

    /** Sets what {@link Library.Builder#shutdownTimeout(Duration)} sets. */
    void shutdownTimeout(Duration timeout);

    /** Sets what {@link Library.Builder#busyTimeout(Duration)} sets. */
    void busyTimeout(Duration timeout);

    /** Sets what {@link Library.Builder#clock(InstantSource)} sets. */
    void clock(InstantSource clock);

    /** Sets what {@link Library.Builder#autoStart(boolean)} sets. */
    void autoStart(boolean autoStart);

    /** Sets what {@link Library.Builder#powerSafe(boolean)} sets. */
    void powerSafe(boolean powerSafe);

    /** Sets what {@link Library.Builder#maxStateBytes(long)} sets. */
    void maxStateBytes(long bytes);

    /** Sets what {@link Library.Builder#maxOutputBytes(long)} sets. */
    void maxOutputBytes(long bytes);

    /** Sets what {@link Library.Builder#maxProgressDataBytes(long)} sets. */
    void maxProgressDataBytes(long bytes);

    /** Sets what {@link Library.Builder#databaseFolder(Path)} sets. */
    void databaseFolder(Path folder);

    /** Sets what {@link Library.Builder#controlEndpoint(dev.stint.ControlEndpoint)} sets. */
    void controlEndpoint(dev.stint.ControlEndpoint endpoint);

    /** Sets the test-only crash point that {@link TestHooks#withCrashPoint} sets. */
    void crashPoint(CrashPoint crashPoint);

    void strictRoundTrips(boolean strict);

    /** Opens the library with these settings; see {@link Library.Builder#open()}. */
    Library open();
}
