package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Processes items 1..n in chunks with the batch helper, appending each processed item to a side file. */
@JobType(name = "test.batchside")
public class BatchSideJob implements Job<Long> {
    int items;
    int chunk;
    long sleepMicros;
    String sideFile;
    long sum;

    public BatchSideJob() {
    }

    public BatchSideJob(int items, int chunk, long sleepMicros, String sideFile) {
        this.items = items;
        this.chunk = chunk;
        this.sleepMicros = sleepMicros;
        this.sideFile = sideFile;
    }

    @Override
    public Long run(JobContext ctx) throws Exception {
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i <= items; i++) {
            all.add(i);
        }
        ctx.batches("items", all, chunk, (part, index) -> {
            for (int n : part) {
                Files.writeString(Path.of(sideFile), n + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                LockSupport.parkNanos(sleepMicros * 1000);
                sum += n;
            }
        });
        return sum;
    }
}
