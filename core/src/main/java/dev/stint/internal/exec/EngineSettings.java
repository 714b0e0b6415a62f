package dev.stint.internal.exec;

import dev.stint.Library;
import dev.stint.Outbox;
import dev.stint.internal.store.Durability;
import dev.stint.spi.CrashPoint;
import dev.stint.spi.JobCatalog;
import dev.stint.spi.LibrarySettings;
import java.time.Duration;
import java.time.InstantSource;

/** The {@link LibrarySettings} behind a {@link Library.Builder}: forwards each setting to an {@link EngineConfig.Builder}. */
final class EngineSettings implements LibrarySettings {
    private final EngineConfig.Builder config;

    EngineSettings(EngineConfig.Builder config) {
        this.config = config;
    }

    /** The settings as they stand (tests). */
    EngineConfig build() {
        return config.build();
    }

    @Override
    public void concurrency(int concurrency) {
        config.concurrency(concurrency);
    }

    @Override
    public void queue(String name, int concurrency) {
        config.queue(name, concurrency);
    }

    @Override
    public void stallTimeout(Duration timeout) {
        config.stallTimeout(timeout);
    }

    @Override
    public void timeoutGrace(Duration grace) {
        config.timeoutGrace(grace);
    }

    @Override
    public void claimAhead(int jobsPerWorker) {
        config.claimAhead(jobsPerWorker);
    }

    @Override
    public void maxBackoff(Duration max) {
        config.maxBackoff(max);
    }

    @Override
    public void historyRetention(Duration maxAge, int maxCount) {
        config.historyRetention(maxAge, maxCount);
    }

    @Override
    public void jobLogFiles(long maxBytesPerJob) {
        config.jobLogFileBytes(maxBytesPerJob);
    }

    @Override
    public void outbox(Outbox.ConnectionSource source) {
        config.outbox(source);
    }

    @Override
    public void catalog(JobCatalog catalog) {
        config.catalog(catalog);
    }

    @Override
    public void useServiceLoader(boolean use) {
        config.serviceLoader(use);
    }

    @Override
    public void progressInterval(Duration interval) {
        config.progressInterval(interval);
    }

    @Override
    public void progressPersistInterval(Duration interval) {
        config.progressPersistInterval(interval);
    }

    @Override
    public void shutdownTimeout(Duration timeout) {
        config.shutdownTimeout(timeout);
    }

    @Override
    public void busyTimeout(Duration timeout) {
        config.busyTimeout(timeout);
    }

    @Override
    public void clock(InstantSource clock) {
        config.clock(clock);
    }

    @Override
    public void autoStart(boolean autoStart) {
        config.autoStart(autoStart);
    }

    @Override
    public void powerSafe(boolean powerSafe) {
        config.durability(powerSafe ? Durability.FULL : Durability.NORMAL);
    }

    @Override
    public void maxStateBytes(long bytes) {
        config.maxStateBytes(bytes);
    }

    @Override
    public void maxOutputBytes(long bytes) {
        config.maxOutputBytes(bytes);
    }

    @Override
    public void maxProgressDataBytes(long bytes) {
        config.maxProgressDataBytes(bytes);
    }

    @Override
    public void crashPoint(CrashPoint crashPoint) {
        config.crashPoint(crashPoint);
    }

    @Override
    public Library open() {
        return OpenLibrary.open(config.build());
    }
}
