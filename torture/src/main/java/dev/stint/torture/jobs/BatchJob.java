package dev.stint.torture.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Processes items 1..{@code items} with {@code ctx.batches("items", ...)} in chunks of {@code chunk}: each
 * chunk logs {@code B index} when it starts and {@code I n} per item; the running sum commits with the
 * chunk. Outputs the sum.
 */
@JobType(name = "torture.batch")
public class BatchJob implements Job<Long> {
    /** The batch's name: chunk {@code k} is the step {@code items#k}. */
    public static final String BATCH = "items";

    int items;
    int chunk;
    long sleepMicros;
    long sum;

    public BatchJob() {
    }

    public BatchJob(int items, int chunk, long sleepMicros) {
        this.items = items;
        this.chunk = chunk;
        this.sleepMicros = sleepMicros;
    }

    @Override
    public Long run(JobContext ctx) throws Exception {
        SideLog side = SideLog.of(ctx.jobId());
        side.append('R', 0);
        List<Integer> all = new ArrayList<>();
        for (int n = 1; n <= items; n++) {
            all.add(n);
        }
        ctx.batches(BATCH, all, chunk, (part, index) -> {
            side.append('B', index);
            for (int n : part) {
                side.append('I', n);
                if (sleepMicros > 0) {
                    LockSupport.parkNanos(sleepMicros * 1000); // simulated work
                }
                sum += n;
            }
        });
        return sum;
    }
}
