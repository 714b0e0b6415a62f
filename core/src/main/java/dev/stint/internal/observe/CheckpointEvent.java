package dev.stint.internal.observe;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Flight Recorder event {@code dev.stint.Checkpoint}: one {@code JobContext.checkpoint()} call, from the call
 * (the state's encoding included) until its write committed. Created only while a recording takes it.
 */
@Name("dev.stint.Checkpoint")
@Label("Checkpoint")
@Category("Stint")
@Description("A job's checkpoint, from the call until its state was committed to jobs.db")
@StackTrace(false)
public final class CheckpointEvent extends Event {
    private static final CheckpointEvent PROBE = new CheckpointEvent();

    @Label("Library")
    @Description("The library folder's name")
    private String library;

    @Label("Job Id")
    private String jobId;

    @Label("Job Name")
    private String jobName;

    @Label("State Size")
    @Description("The encoded state stored")
    @DataAmount
    private long bytes;

    private CheckpointEvent() {
    }

    /** A started event if a recording takes this event now, otherwise null (and nothing allocated). */
    public static CheckpointEvent beginIfRecorded() {
        if (!PROBE.isEnabled()) {
            return null;
        }
        CheckpointEvent event = new CheckpointEvent();
        event.begin();
        return event;
    }

    /** Ends {@code event} (null: nothing to do) and commits it if the recording still wants it. */
    public static void commit(CheckpointEvent event, String library, String jobId, String jobName, long bytes) {
        if (event == null) {
            return;
        }
        event.end();
        if (event.shouldCommit()) {
            event.library = library;
            event.jobId = jobId;
            event.jobName = jobName;
            event.bytes = bytes;
            event.commit();
        }
    }
}
