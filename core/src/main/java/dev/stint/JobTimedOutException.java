package dev.stint;

import java.time.Duration;

/** Recorded as the error of a run that exceeded its timeout. The retry policy then decides: again, or failed. */
public final class JobTimedOutException extends StintException {
    private static final long serialVersionUID = 1L;

    /** Job {@code jobId} ran longer than {@code timeout}; {@code abandoned} if it also ignored the interruption. */
    public JobTimedOutException(String jobId, Duration timeout, boolean abandoned) {
        super(jobId, "job " + jobId + " timed out after " + timeout
                + (abandoned ? " and did not stop when interrupted; its run was abandoned" : ""), null);
    }
}
