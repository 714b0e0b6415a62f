package dev.stint.sample.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code demo.phased}: goes through three phases, discover, process and report, reporting
 * {@link dev.stint.Progress.Phase phase progress} with {@code done} and {@code total} data.
 *
 * <p>Arguments: {@code {"items": N, "sleepMillis": S}}. The current phase is part of the job's state: the
 * job checkpoints at each phase change and every 10 items while processing, and resumes in the stored
 * phase.
 */
@JobType(name = "demo.phased", version = 1)
public class PhasedJob implements Job<PhasedResult> {

    /** The job's phases, in order. */
    public enum Phase {
        /** Finds the items. */
        DISCOVER,
        /** Processes them, sleeping {@code sleepMillis} per item. */
        PROCESS,
        /** Summarizes. */
        REPORT;

        /** The phase's lowercase name, as reported in progress and output. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private long items = 30;
    private long sleepMillis;
    private Phase phase = Phase.DISCOVER;
    private long discovered;
    private long processed;

    /** For the engine: state is filled in from arguments or a checkpoint. */
    public PhasedJob() {
    }

    /** A job processing {@code items} items. */
    public PhasedJob(long items, long sleepMillis) {
        this.items = items;
        this.sleepMillis = sleepMillis;
    }

    @Override
    public PhasedResult run(JobContext ctx) throws InterruptedException {
        if (phase == Phase.DISCOVER) {
            discover(ctx);
            enter(Phase.PROCESS, ctx);
        }
        if (phase == Phase.PROCESS) {
            process(ctx);
            enter(Phase.REPORT, ctx);
        }
        report(ctx, 1, 1);
        return new PhasedResult(Arrays.stream(Phase.values()).map(Phase::wireName).toList(), processed);
    }

    private void discover(JobContext ctx) {
        while (discovered < items) {
            ctx.checkInterrupted();
            discovered++;
            report(ctx, discovered, items);
        }
        report(ctx, discovered, items);
    }

    private void process(JobContext ctx) throws InterruptedException {
        report(ctx, processed, items);
        while (processed < items) {
            ctx.checkInterrupted();
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
            }
            processed++;
            report(ctx, processed, items);
            if (processed % 10 == 0 && processed < items) {
                ctx.checkpoint();
            }
        }
    }

    private void enter(Phase nextPhase, JobContext ctx) {
        phase = nextPhase;
        ctx.checkpoint();
    }

    private void report(JobContext ctx, long done, long total) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("done", done);
        data.put("total", total);
        ctx.reportPhase(phase.wireName(), data);
    }
}
