package dev.stint.internal.exec;

import dev.stint.internal.store.Durability;
import dev.stint.spi.JobCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * The validated settings a library opens with.
 *
 * @param queues concurrency per queue, the default queue ({@code "default"}) included
 * @param stallTimeout how long a running job may report neither progress nor checkpoint before a
 *     {@link dev.stint.JobEvent.Stalled} event, or null for no watchdog
 * @param timeoutGrace how long a timed-out job has to stop at its next check before it is abandoned
 * @param maxBackoff the longest retry delay
 * @param historyMaxAge how long completed and cancelled jobs stay in history
 * @param historyMaxCount how many completed and cancelled jobs history keeps at most
 * @param jobLogFileBytes the cap of each job's log file, or 0 when job log files are off
 * @param outbox the application's database holding an outbox, or null
 * @param crashPoint for tests: where to simulate a crash, or null
 * @param blobLimits the largest state, output and progress data a job may store
 * @param claimAhead how many jobs per worker a queue of short runs claims ahead of its free workers (0: none)
 */
public record EngineConfig(
        Path dir,
        Map<String, Integer> queues,
        List<JobCatalog> catalogs,
        boolean serviceLoader,
        Duration progressInterval,
        Duration progressPersistInterval,
        Duration shutdownTimeout,
        Duration busyTimeout,
        InstantSource clock,
        boolean autoStart,
        Durability durability,
        Duration stallTimeout,
        Duration timeoutGrace,
        Duration maxBackoff,
        Duration historyMaxAge,
        int historyMaxCount,
        long jobLogFileBytes,
        dev.stint.Outbox.ConnectionSource outbox,
        dev.stint.spi.CrashPoint crashPoint,
        dev.stint.internal.codec.BlobLimits blobLimits,
        int claimAhead) {

    /** The name of the queue jobs go to when nothing else is said. */
    public static final String DEFAULT_QUEUE = "default";
}
