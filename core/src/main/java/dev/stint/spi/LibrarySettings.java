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
    void concurrency(int concurrency);

    void queue(String name, int concurrency);

    void stallTimeout(Duration timeout);

    void timeoutGrace(Duration grace);

    void claimAhead(int jobsPerWorker);

    void maxBackoff(Duration max);

    void historyRetention(Duration maxAge, int maxCount);

    void jobLogFiles(long maxBytesPerJob);

    void logBudget(LogBudget budget);

    void outbox(Outbox.ConnectionSource source);

    void catalog(JobCatalog catalog);

    void useServiceLoader(boolean use);

    void progressInterval(Duration interval);

    void progressPersistInterval(Duration interval);

    void shutdownTimeout(Duration timeout);

    void busyTimeout(Duration timeout);

    void clock(InstantSource clock);

    void autoStart(boolean autoStart);

    void powerSafe(boolean powerSafe);

    void maxStateBytes(long bytes);

    void maxOutputBytes(long bytes);

    void maxProgressDataBytes(long bytes);

    void databaseFolder(Path folder);

    void crashPoint(CrashPoint crashPoint);

    void strictRoundTrips(boolean strict);

    /** Opens the library with these settings; see {@link Library.Builder#open()}. */
    Library open();
}
