package dev.stint.torture.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs steps {@code s1..s<steps>}; each body logs {@code S i} when it starts, works a little and adds
 * {@code i} to the sum, which commits with the step. Outputs the sum.
 */
@JobType(name = "torture.steps")
public class StepsJob implements Job<Long> {
    int steps;
    long sleepMicros;
    long sum;

    public StepsJob() {
    }

    public StepsJob(int steps, long sleepMicros) {
        this.steps = steps;
        this.sleepMicros = sleepMicros;
    }

    @Override
    public Long run(JobContext ctx) throws Exception {
        SideLog side = SideLog.of(ctx.jobId());
        side.append('R', 0);
        for (int i = 1; i <= steps; i++) {
            int n = i;
            Integer echoed = ctx.step("s" + n, Integer.class, () -> {
                side.append('S', n);
                if (sleepMicros > 0) {
                    LockSupport.parkNanos(sleepMicros * 1000); // simulated work
                }
                sum += n;
                return n;
            });
            if (echoed != n) {
                throw new IllegalStateException("step s" + n + " returned " + echoed);
            }
            ctx.reportCount(n, steps);
        }
        return sum;
    }
}
