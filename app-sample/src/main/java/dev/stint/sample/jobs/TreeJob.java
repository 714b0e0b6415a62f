package dev.stint.sample.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.ChildFailurePolicy;
import dev.stint.ChildResult;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code demo.tree}: spawns {@code children} {@code demo.count} child jobs counting to {@code childTo}
 * ({@code {"to": M, "checkpointEvery": 10, "sleepMillis": 2}}), waits for them without holding a worker,
 * and outputs {@code {"childSums": [...]}} in child order. A failed child fails the tree.
 */
@JobType(name = "demo.tree", version = 1)
public class TreeJob implements Job<Map<String, List<Long>>> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private int children = 3;
    private long childTo = 100;

    /** For the engine. */
    public TreeJob() {
    }

    @Override
    public Map<String, List<Long>> run(JobContext ctx) throws Exception {
        List<CountJob> kids = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            kids.add(new CountJob(childTo, 10, 2));
        }
        List<String> ids = ctx.spawn(kids);
        List<Long> sums = new ArrayList<>();
        for (ChildResult child : ctx.awaitChildren(ids, ChildFailurePolicy.FAIL_PARENT)) {
            sums.add(JSON.readTree(child.outputJson()).path("sum").asLong());
        }
        return Map.of("childSums", sums);
    }
}
