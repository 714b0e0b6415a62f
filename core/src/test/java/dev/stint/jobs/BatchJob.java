package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sums 1..items in chunks with the batch helper, keeping intermediate results. */
@JobType(name = "test.batch")
public class BatchJob implements Job<Long> {
    int items;
    int chunk;
    long sum;

    public BatchJob() {
    }

    public BatchJob(int items, int chunk) {
        this.items = items;
        this.chunk = chunk;
    }

    @Override
    public Long run(JobContext ctx) throws Exception {
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i <= items; i++) {
            all.add(i);
        }
        ctx.mergeResults(Map.of("phase", "summing", "scratch", "temporary"));
        ctx.batches("sum", all, chunk, (part, index) -> {
            for (int n : part) {
                sum += n;
            }
        });
        java.util.HashMap<String, Object> patch = new java.util.HashMap<>();
        patch.put("phase", "done");
        patch.put("scratch", null);
        patch.put("sum", sum);
        ctx.mergeResults(patch);
        return sum;
    }
}
