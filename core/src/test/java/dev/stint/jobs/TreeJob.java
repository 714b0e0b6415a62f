package dev.stint.jobs;

import dev.stint.ChildFailurePolicy;
import dev.stint.ChildResult;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.util.ArrayList;
import java.util.List;

/** Spawns {@code children} counting children (one failing when {@code failOne}), waits, returns their outputs. */
@JobType(name = "test.tree")
public class TreeJob implements Job<List<String>> {
    int children;
    long childTo;
    long childSleepMicros;
    boolean failOne;
    boolean collect;
    int runs;

    public TreeJob() {
    }

    public TreeJob(int children, long childTo, long childSleepMicros, boolean failOne, boolean collect) {
        this.children = children;
        this.childTo = childTo;
        this.childSleepMicros = childSleepMicros;
        this.failOne = failOne;
        this.collect = collect;
    }

    @Override
    public List<String> run(JobContext ctx) throws Exception {
        runs++;
        List<Job<?>> kids = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            kids.add(failOne && i == 0 ? new FailingJob() : new CountJob(childTo + i, 10, childSleepMicros, null));
        }
        List<String> ids = ctx.spawn(kids);
        List<ChildResult> results = ctx.awaitChildren(ids,
                collect ? ChildFailurePolicy.COLLECT : ChildFailurePolicy.FAIL_PARENT);
        List<String> out = new ArrayList<>();
        for (ChildResult r : results) {
            out.add(r.succeeded() ? r.outputJson() : r.status().wireName());
        }
        return out;
    }
}
