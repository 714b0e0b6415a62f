package dev.stint.internal.exec;

import dev.stint.JobStatus;
import dev.stint.PruneScope;
import dev.stint.internal.log.JobLogFiles;
import dev.stint.internal.store.History;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long finished jobs stay in history: the library's limits applied at open and after every
 * {@value #PRUNE_EVERY} finished runs (to completed and cancelled jobs and to failed runs of recurring
 * schedules), and pruning on demand. Pruning a job also deletes its log file.
 */
final class HistoryRetention {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryRetention.class);
    static final int PRUNE_EVERY = 1000;

    private final JobsDb db;
    private final InstantSource clock;
    private final JobLogFiles logFiles;
    private final OpenState open;
    private final Duration maxAge;
    private final int maxCount;
    private final AtomicInteger finishedSincePrune = new AtomicInteger();
    private final AtomicBoolean prunePending = new AtomicBoolean();
    private static final List<JobStatus> KEEP_FAILED = List.of(JobStatus.COMPLETED, JobStatus.CANCELLED);

    /**
     * @param logFiles the per-job log files, or null when they are off
     * @param maxAge how long completed and cancelled jobs stay
     * @param maxCount how many completed and cancelled jobs stay at most
     */
    HistoryRetention(JobsDb db, InstantSource clock, JobLogFiles logFiles, OpenState open, Duration maxAge,
            int maxCount) {
        this.db = db;
        this.clock = clock;
        this.logFiles = logFiles;
        this.open = open;
        this.maxAge = maxAge;
        this.maxCount = maxCount;
    }

    /**
     * Applies the library's limits: to completed and cancelled jobs, and to the failed runs of recurring
     * schedules (see {@link History#pruneScheduleFailures}); other failed jobs stay until pruned on demand.
     */
    void applyLimits() {
        prune(maxAge, maxCount, PruneScope.KEEP_FAILED);
        long cutoff = clock.millis() - maxAge.toMillis();
        deleted(db.write(s -> History.pruneScheduleFailures(s, cutoff, maxCount)));
    }

    /**
     * A run ended: every {@value #PRUNE_EVERY} ends, the limits are applied again, as housekeeping the writer
     * runs when nothing else is queued ({@link dev.stint.internal.store.GroupCommitWriter#submitWhenIdle}), not
     * in the time of the runs that are ending.
     */
    void runEnded() {
        if (finishedSincePrune.incrementAndGet() >= PRUNE_EVERY && !open.isClosed() && prunePending.compareAndSet(false, true)) {
            finishedSincePrune.set(0);
            long cutoff = clock.millis() - maxAge.toMillis();
            db.submitWhenIdle(s -> {
                List<String> removed = new ArrayList<>(History.prune(s, KEEP_FAILED, cutoff, maxCount));
                removed.addAll(History.pruneScheduleFailures(s, cutoff, maxCount));
                return removed;
            }).whenCompleteAsync((removed, failure) -> {
                prunePending.set(false);
                if (failure == null) {
                    deleted(removed);
                } else if (!open.isClosed()) {
                    LOG.warn("history pruning failed", failure);
                }
            }, task -> Thread.ofVirtual().start(task));
        }
    }

    /**
     * Removes the finished jobs in {@code scope} older than {@code maxAge} or beyond the newest {@code keep};
     * returns how many.
     */
    int prune(Duration age, int keep, PruneScope scope) {
        long cutoff = clock.millis() - age.toMillis();
        List<JobStatus> statuses = switch (Objects.requireNonNull(scope, "scope")) {
            case KEEP_FAILED -> KEEP_FAILED;
            case INCLUDE_FAILED -> List.of(JobStatus.COMPLETED, JobStatus.CANCELLED, JobStatus.FAILED);
        };
        return deleted(db.write(s -> History.prune(s, statuses, cutoff, keep)));
    }

    private int deleted(List<String> removed) {
        if (logFiles != null) {
            removed.forEach(logFiles::delete);
        }
        if (!removed.isEmpty()) {
            LOG.debug("library {}: pruned {} finished job(s) from history", open.label(), removed.size());
        }
        return removed.size();
    }
}
