package dev.stint.internal.observe;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Flight Recorder event {@code dev.stint.CommitBatch}: one transaction of the group-committing writer, from its
 * {@code BEGIN} to its {@code COMMIT} (or its rollback). Created only while a recording takes it.
 */
@Name("dev.stint.CommitBatch")
@Label("Commit Batch")
@Category("Stint")
@Description("One transaction of the writer of jobs.db: the writes it held, from BEGIN to COMMIT")
@StackTrace(false)
public final class CommitBatchEvent extends Event {
    private static final CommitBatchEvent PROBE = new CommitBatchEvent();

    @Label("Library")
    @Description("The library folder's name")
    private String library;

    @Label("Writes")
    @Description("Operations in the transaction (a dispatch, a checkpoint, a batch of completions, a claim, ...)")
    private int writes;

    @Label("Failed Writes")
    @Description("Operations that failed and were rolled back alone (their savepoint)")
    private int failedWrites;

    @Label("Committed")
    @Description("False when the whole transaction rolled back")
    private boolean committed;

    private CommitBatchEvent() {
    }

    /** A started event if a recording takes this event now, otherwise null (and nothing allocated). */
    public static CommitBatchEvent beginIfRecorded() {
        if (!PROBE.isEnabled()) {
            return null;
        }
        CommitBatchEvent event = new CommitBatchEvent();
        event.begin();
        return event;
    }

    /** Ends {@code event} (null: nothing to do) and commits it if the recording still wants it. */
    public static void commit(CommitBatchEvent event, String library, int writes, int failedWrites,
            boolean committed) {
        if (event == null) {
            return;
        }
        event.end();
        if (event.shouldCommit()) {
            event.library = library;
            event.writes = writes;
            event.failedWrites = failedWrites;
            event.committed = committed;
            event.commit();
        }
    }
}
