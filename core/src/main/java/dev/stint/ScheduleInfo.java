package dev.stint;

import java.time.Instant;

/**
 * A recurring schedule as stored.
 *
 * @param name the schedule's name
 * @param jobName the type of job it dispatches
 * @param schedule its stored form ({@code every:PT15M} or {@code cron:0 2 * * *})
 * @param zone the time zone id of a cron schedule
 * @param missedRuns the missed-run policy
 * @param nextRunAt when it next runs
 * @param lastJobId the job it dispatched last, or null
 */
public record ScheduleInfo(String name, String jobName, String schedule, String zone, Schedule.MissedRuns missedRuns,
        Instant nextRunAt, String lastJobId) {
}
