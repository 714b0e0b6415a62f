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
 * Counts 1..to, checkpointing every {@code checkpointEvery}; optionally appends each processed number to
 * a side file (to prove that nothing before the latest checkpoint is processed twice) and waits
 * {@code sleepMicros} per number.
 */
@JobType(name = "test.count", version = 1)
public class CountJob implements Job<CountJob.Result> {
    public record Result(long sum, long resumedFrom) {
    }

    long to;
    long checkpointEvery = 10;
    long sleepMicros;
    String sideFile;
    long count;
    long sum;
    long resumedFrom;

    public CountJob() {
    }

    public CountJob(long to, long checkpointEvery, long sleepMicros, String sideFile) {
        this.to = to;
        this.checkpointEvery = checkpointEvery;
        this.sleepMicros = sleepMicros;
        this.sideFile = sideFile;
    }

    @Override
    public Result run(JobContext ctx) throws IOException {
        resumedFrom = count;
        while (count < to) {
            ctx.checkInterrupted();
            long n = count + 1;
            if (sideFile != null) {
                Files.writeString(Path.of(sideFile), n + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            if (sleepMicros > 0) {
                LockSupport.parkNanos(sleepMicros * 1000);
            }
            sum += n;
            count = n;
            ctx.reportCount(count, to);
            if (checkpointEvery > 0 && count % checkpointEvery == 0) {
                ctx.checkpoint();
            }
        }
        return new Result(sum, resumedFrom);
    }
}
