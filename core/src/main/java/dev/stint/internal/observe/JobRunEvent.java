package dev.stint.internal.observe;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Flight Recorder event {@code dev.stint.JobRun}: one run of a job on a worker, from its start until its
 * outcome was recorded ({@link RunOutcome}). Created only while a recording takes it ({@link #beginIfRecorded}).
 */
@Name("dev.stint.JobRun")
@Label("Job Run")
@Category("Stint")
@Description("One run of a job on a worker, from its start until its outcome was committed to jobs.db")
@StackTrace(false)
public final class JobRunEvent extends Event {
    /** Asks whether the event is recorded: {@link Event#isEnabled()} reads the event type's state, not this object. */
    private static final JobRunEvent PROBE = new JobRunEvent();

    @Label("Library")
    @Description("The library folder's name")
    private String library;

    @Label("Job Name")
    @Description("The job type's registered name")
    private String jobName;

    @Label("Job Id")
    private String jobId;

    @Label("Queue")
    private String queue;

    @Label("Run")
    @Description("The job's run count, this run included")
    private int run;

    @Label("Outcome")
    @Description("completed, failed, retried, cancelled, paused, interrupted, waiting or not-recorded")
    private String outcome;

    private JobRunEvent() {
    }

    /** A started event if a recording takes this event now, otherwise null (and nothing allocated). */
    public static JobRunEvent beginIfRecorded() {
        if (!PROBE.isEnabled()) {
            return null;
        }
        JobRunEvent event = new JobRunEvent();
        event.begin();
        return event;
    }

    /** Ends {@code event} (null: nothing to do) and commits it if the recording still wants it. */
    public static void commit(JobRunEvent event, String library, String jobName, String jobId, String queue, int run,
            RunOutcome outcome) {
        if (event == null) {
            return;
        }
        event.end();
        if (event.shouldCommit()) {
            event.library = library;
            event.jobName = jobName;
            event.jobId = jobId;
            event.queue = queue;
            event.run = run;
            event.outcome = outcome.label();
            event.commit();
        }
    }
}
