package dev.stint.jobs;

import dev.stint.ChildFailurePolicy;
import dev.stint.ChildResult;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.util.List;

/** A parent that catches every Exception around its wait for one child, as careless job code does. */
@JobType(name = "test.swallowing-parent")
public class SwallowingParentJob implements Job<String> {
    long childTo;

    public SwallowingParentJob() {
    }

    public SwallowingParentJob(long childTo) {
        this.childTo = childTo;
    }

    @Override
    public String run(JobContext ctx) throws Exception {
        List<String> ids = ctx.spawn(List.of(new CountJob(childTo, 10, 200, null)));
        try {
            List<ChildResult> results = ctx.awaitChildren(ids, ChildFailurePolicy.FAIL_PARENT);
            return results.get(0).outputJson();
        } catch (Exception e) {
            return "swallowed: " + e;
        }
    }
}
