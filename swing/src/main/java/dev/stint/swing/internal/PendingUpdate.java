package dev.stint.swing.internal;

import dev.stint.ErrorRecord;
import dev.stint.JobEvent;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Progress;
import java.time.Duration;

/**
 * What arrived for one job since its state was last applied on the event dispatch thread: an immutable value that
 * events merge into (any thread) and the event dispatch thread takes whole, leaving {@link #EMPTY} behind. Later values
 * replace earlier ones; counts add up.
 *
 * @param info the latest stored record read, or null
 * @param initial whether a record was offered as the job's first (its status and progress are taken too)
 * @param status the latest status an event reported, or null
 * @param error the latest error a status change carried, or null
 * @param progress the latest progress reported, or null
 * @param stalled how long the job was quiet when the stall watchdog last fired; null when progress or a
 *     status change came after it
 * @param stalledSet whether {@code stalled} is to be applied (false: leave the shown value alone)
 * @param nonCritical how many non-critical errors were reported
 * @param statusChanges how many status changes were reported
 */
public record PendingUpdate(
        JobInfo info,
        boolean initial,
        JobStatus status,
        ErrorRecord error,
        Progress progress,
        Duration stalled,
        boolean stalledSet,
        int nonCritical,
        int statusChanges) {

    /** Nothing pending. */
    public static final PendingUpdate EMPTY = new PendingUpdate(null, false, null, null, null, null, false, 0, 0);

    /** Whether nothing is pending. */
    public boolean isEmpty() {
        return equals(EMPTY);
    }

    /** Merges an engine event. */
    public PendingUpdate with(JobEvent event) {
        return switch (event) {
            case JobEvent.StatusChanged s -> withStatus(s.to(), s.error());
            case JobEvent.ProgressUpdated p -> withProgress(p.progress());
            case JobEvent.NonCriticalErrorReported e -> plusNonCritical();
            case JobEvent.Stalled s -> withStalled(s.quietFor());
        };
    }

    /**
     * A status change: the new status, one more change, the stall cleared; {@code newError} replaces the
     * pending error when not null.
     */
    public PendingUpdate withStatus(JobStatus to, ErrorRecord newError) {
        return new PendingUpdate(info, initial, to, newError != null ? newError : error, progress, null, true,
                nonCritical, statusChanges + 1);
    }

    /** A progress report: the new progress, the stall cleared. */
    public PendingUpdate withProgress(Progress p) {
        return new PendingUpdate(info, initial, status, error, p, null, true, nonCritical, statusChanges);
    }

    /** The stall watchdog fired after {@code quietFor} of silence. */
    public PendingUpdate withStalled(Duration quietFor) {
        return new PendingUpdate(info, initial, status, error, progress, quietFor, true, nonCritical, statusChanges);
    }

    /** One more non-critical error. */
    public PendingUpdate plusNonCritical() {
        return new PendingUpdate(info, initial, status, error, progress, stalled, stalledSet, nonCritical + 1,
                statusChanges);
    }

    /** A stored record read; {@code first} marks it as the job's first (sticky until applied). */
    public PendingUpdate withInfo(JobInfo record, boolean first) {
        return new PendingUpdate(record, initial || first, status, error, progress, stalled, stalledSet,
                nonCritical, statusChanges);
    }
}
