package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;

/**
 * Checkpoints from a deep stack: finds how deep its thread can recurse, then recurses to {@code margin}
 * frames short of that and checkpoints there, so the commit runs with almost no stack left.
 */
@JobType(name = "test.deep-checkpoint")
public class DeepCheckpointJob implements Job<String> {
    int margin;
    /** When positive, the depth to checkpoint at, without probing the stack's limit (margin is ignored). */
    int depth;
    int checkpoints;

    public DeepCheckpointJob() {
    }

    public DeepCheckpointJob(int margin) {
        this.margin = margin;
    }

    /** A job that recurses {@code depth} frames and checkpoints there: deep, but well within any stack. */
    public static DeepCheckpointJob atDepth(int depth) {
        DeepCheckpointJob job = new DeepCheckpointJob();
        job.depth = depth;
        return job;
    }

    @Override
    public String run(JobContext ctx) {
        if (depth > 0) {
            descend(0, depth, ctx);
            return "checkpointed " + checkpoints + " time(s) at " + depth + " frames";
        }
        int max = descend(0, Integer.MAX_VALUE, null);
        descend(0, Math.max(0, max - margin), ctx);
        return "checkpointed " + checkpoints + " time(s) at " + (max - margin) + " of " + max + " frames";
    }

    /** Recurses to {@code target} and checkpoints there; with no context, finds how deep it can go. */
    private int descend(int n, int target, JobContext ctx) {
        if (ctx == null) {
            try {
                return descend(n + 1, target, null);
            } catch (StackOverflowError e) {
                return n;
            }
        }
        if (n < target) {
            return descend(n + 1, target, ctx);
        }
        checkpoints++;
        ctx.checkpoint();
        return n;
    }
}
