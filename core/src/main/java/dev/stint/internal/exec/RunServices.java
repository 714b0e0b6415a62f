package dev.stint.internal.exec;

import dev.stint.JobInfo;
import dev.stint.LogBudget;
import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.log.JobLogFiles;
import dev.stint.internal.observe.Metrics;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a run's {@link RunContext} reaches: the codec and clock, {@code jobs.db}, new child rows and their
 * announcement, the scheduler's wake-up, the crash hook, job lookups (for awaiting children), the job
 * log files and the log budget, the library's metrics (checkpoints) and its label. Nothing else of the library.
 *
 * @param wakeScheduler wakes the scheduler (new children are queued)
 * @param jobInfo looks a job up by id
 * @param logFiles the per-job log files, or null when they are off
 * @param logBudget how much each job may log
 * @param dir the library's folder
 * @param tags the paused tags: children inherit their parent's tags, and a paused one holds them
 * @param metrics counts committed checkpoints
 * @param label the library's name in logs and Flight Recorder events
 */
record RunServices(StateCodec codec, InstantSource clock, JobsDb db, NewJobs newJobs, StatusAnnouncer announcer,
        Runnable wakeScheduler, CrashHook crashHook, Function<String, Optional<JobInfo>> jobInfo,
        JobLogFiles logFiles, LogBudget logBudget, Path dir, TagPauses tags, Metrics metrics, String label) {
}
