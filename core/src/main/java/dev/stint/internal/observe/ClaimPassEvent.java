package dev.stint.internal.observe;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Flight Recorder event {@code dev.stint.ClaimPass}: one claim of queued jobs for the free worker slots, inside
 * a write (a scheduler pass, a dispatch or a batch of completions). Created only while a recording takes it.
 */
@Name("dev.stint.ClaimPass")
@Label("Claim Pass")
@Category("Stint")
@Description("A claim of queued jobs for free worker slots, inside a write of jobs.db (not its commit)")
@StackTrace(false)
public final class ClaimPassEvent extends Event {
    private static final ClaimPassEvent PROBE = new ClaimPassEvent();

    @Label("Library")
    @Description("The library folder's name")
    private String library;

    @Label("Trigger")
    @Description("What claimed: scheduler (a scheduler pass), dispatch (new jobs) or completions (finished runs)")
    private String trigger;

    @Label("Queues")
    @Description("Queues that had a free slot and were asked for jobs")
    private int queues;

    @Label("Claimed")
    @Description("Jobs claimed")
    private int claimed;

    private ClaimPassEvent() {
    }

    /** A started event if a recording takes this event now, otherwise null (and nothing allocated). */
    public static ClaimPassEvent beginIfRecorded() {
        if (!PROBE.isEnabled()) {
            return null;
        }
        ClaimPassEvent event = new ClaimPassEvent();
        event.begin();
        return event;
    }

    /** Ends {@code event} (null: nothing to do) and commits it if the recording still wants it. */
    public static void commit(ClaimPassEvent event, String library, String trigger, int queues, int claimed) {
        if (event == null) {
            return;
        }
        event.end();
        if (event.shouldCommit()) {
            event.library = library;
            event.trigger = trigger;
            event.queues = queues;
            event.claimed = claimed;
            event.commit();
        }
    }
}
