package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs steps s1..sN; each step body appends its name to a side file when it starts, waits
 * {@code sleepMicros}, and adds its number to the job's sum (state committed with the step).
 */
@JobType(name = "test.steps")
public class StepsJob implements Job<Long> {
    int steps;
    long sleepMicros;
    String sideFile;
    long sum;

    public StepsJob() {
    }

    public StepsJob(int steps, long sleepMicros, String sideFile) {
        this.steps = steps;
        this.sleepMicros = sleepMicros;
        this.sideFile = sideFile;
    }

    @Override
    public Long run(JobContext ctx) throws Exception {
        for (int i = 1; i <= steps; i++) {
            int n = i;
            Integer echoed = ctx.step("s" + n, Integer.class, () -> {
                Files.writeString(Path.of(sideFile), "s" + n + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                if (sleepMicros > 0) {
                    LockSupport.parkNanos(sleepMicros * 1000);
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
