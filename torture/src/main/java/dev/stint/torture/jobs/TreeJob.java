package dev.stint.torture.jobs;

import dev.stint.ChildFailurePolicy;
import dev.stint.ChildResult;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.util.ArrayList;
import java.util.List;

/**
 * Spawns {@code children} counting children (each {@code 1..childTo}, checkpointing every 5), waits for
 * them without holding a worker, and outputs their outputs as JSON, in spawn order.
 */
@JobType(name = "torture.tree")
public class TreeJob implements Job<List<String>> {
    /** The checkpoint interval of the children. */
    public static final long CHILD_EVERY = 5;

    int children;
    long childTo;
    long childSleepMicros;

    public TreeJob() {
    }

    public TreeJob(int children, long childTo, long childSleepMicros) {
        this.children = children;
        this.childTo = childTo;
        this.childSleepMicros = childSleepMicros;
    }

    @Override
    public List<String> run(JobContext ctx) throws Exception {
        SideLog.of(ctx.jobId()).append('R', 0);
        List<Job<?>> kids = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            kids.add(new CountJob(childTo, CHILD_EVERY, childSleepMicros, 0));
        }
        List<String> ids = ctx.spawn(kids);
        List<String> out = new ArrayList<>();
        for (ChildResult r : ctx.awaitChildren(ids, ChildFailurePolicy.FAIL_PARENT)) {
            out.add(r.outputJson());
        }
        return out;
    }
}
