package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * A resumable counting job for the crash tests of run rules: counts to {@code to}, appends each number to a
 * side file before counting it, checkpoints every {@code every}, and records each run's start and end on
 * {@link ProbeJob}'s event counter (the last run in this JVM), so a test can check which runs overlapped.
 */
@JobType(name = "test.hold")
public class HoldJob implements Job<Long> {
    long to;
    long every;
    long sleepMicros;
    String sideFile;
    long count;
    long sum;

    public HoldJob() {
    }

    public HoldJob(long to, long every, long sleepMicros, String sideFile) {
        this.to = to;
        this.every = every;
        this.sleepMicros = sleepMicros;
        this.sideFile = sideFile;
    }

    @Override
    public Long run(JobContext ctx) throws IOException {
        long start = ProbeJob.EVENTS.incrementAndGet();
        while (count < to) {
            ctx.checkInterrupted();
            long n = count + 1;
            Files.writeString(Path.of(sideFile), n + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            LockSupport.parkNanos(sleepMicros * 1_000);
            sum += n;
            count = n;
            if (count % every == 0) {
                ctx.checkpoint();
            }
        }
        ProbeJob.RUNS.put(ctx.jobId(), new long[] {start, ProbeJob.EVENTS.incrementAndGet()});
        return sum;
    }
}
