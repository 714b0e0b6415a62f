package dev.stint.jobs;

import dev.stint.ChildFailurePolicy;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Spawns one {@link SlowJob} child (gate {@code childGate}), then waits on its own gate {@code parentGate}
 * without checking for interruption (as code between a spawn and its wait may), then waits for the child. A
 * test controls when the parent reaches its wait, to ask for a pause or a cancel just before it.
 */
@JobType(name = "test.gated-parent")
public class GatedParentJob implements Job<Integer> {
    String parentGate;
    String childGate;

    public GatedParentJob() {
    }

    public GatedParentJob(String parentGate, String childGate) {
        this.parentGate = parentGate;
        this.childGate = childGate;
    }

    @Override
    public Integer run(JobContext ctx) throws InterruptedException {
        List<String> ids = ctx.spawn(List.of(new SlowJob(childGate, 1)));
        SlowJob.REACHED.get(parentGate).release();
        CountDownLatch latch = SlowJob.GATES.get(parentGate);
        if (!latch.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate " + parentGate + " never opened");
        }
        return ctx.awaitChildren(ids, ChildFailurePolicy.COLLECT).size();
    }
}
