package dev.stint.internal.exec;

import dev.stint.JobStatus;
import java.util.List;

/**
 * The lifecycle as the engine applies it: which stored statuses a change may start from, and the check that
 * every status change goes through ({@link JobStatus#checkTransitionTo}, the one transition function). The
 * store's {@code WHERE status ...} guards then make the change atomic.
 */
final class StatusRules {
    /** Active statuses of a job that holds no worker (a control or a replacement may end it at once). */
    static final List<JobStatus> WAITING = List.of(JobStatus.QUEUED, JobStatus.PAUSED);
    /** The status a run's end starts from. */
    static final List<JobStatus> RUNNING = List.of(JobStatus.RUNNING);

    private StatusRules() {
    }

    /**
     * Checks a change before it is written.
     *
     * @throws dev.stint.IllegalJobTransitionException naming both statuses if the lifecycle forbids it
     */
    static JobStatus change(String jobId, JobStatus from, JobStatus to) {
        from.checkTransitionTo(to, jobId);
        return to;
    }
}
