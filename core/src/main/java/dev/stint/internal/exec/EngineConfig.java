package dev.stint.internal.exec;

import dev.stint.internal.store.Durability;
import dev.stint.spi.JobCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/** The validated settings a library opens with. */
public record EngineConfig(
        Path dir,
        int concurrency,
        List<JobCatalog> catalogs,
        boolean serviceLoader,
        Duration progressInterval,
        Duration progressPersistInterval,
        Duration shutdownTimeout,
        Duration busyTimeout,
        InstantSource clock,
        boolean autoStart,
        Durability durability) {
}
