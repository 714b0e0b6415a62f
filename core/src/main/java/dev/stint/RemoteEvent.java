package dev.stint;

import java.time.Instant;

/**
 * One event of a library's control endpoint event stream ({@code GET /v1/events}), as {@link RemoteLibrary#events}
 * delivers it.
 *
 * @param id the event's number: consecutive from 1 for each start of the endpoint; pass the last one seen to
 *     {@link RemoteLibrary#events(long, java.util.function.Consumer)} to resume after it
 * @param kind what happened
 * @param jobId the job (null for {@link Kind#RESET})
 * @param jobName the job's type name (null for {@link Kind#RESET})
 * @param status the job's status after the event ({@code RUNNING} for progress; null for {@link Kind#RESET})
 * @param progress the job's progress for {@link Kind#PROGRESS}, else null
 * @param at when the endpoint saw the event
 */
public record RemoteEvent(long id, Kind kind, String jobId, String jobName, JobStatus status, Progress progress,
        Instant at) {

    /** What an event says. */
    public enum Kind {
        /** A job changed status. */
        STATUS,
        /** A running job reported progress (coalesced, as {@link JobListener}s see it). */
        PROGRESS,
        /**
         * Events were missed: the id asked to resume after is no longer kept (or belongs to an earlier start of
         * the endpoint). Read the jobs again; the stream goes on with new events.
         */
        RESET
    }
}
