package dev.stint.testkit;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import dev.stint.spi.JobCatalog;
import java.util.List;

/** Jobs for the kit's own tests, and their catalog (the processor is not run in this module). */
final class KitJobs {
    private KitJobs() {
    }

    /** Counts to {@code to}, checkpointing every {@code every}; records the count each run started at. */
    @JobType(name = "kit.count")
    public static class Count implements Job<Long> {
        long to;
        long every;
        long count;
        long startedAt = -1;

        public Count() {
        }

        Count(long to, long every) {
            this.to = to;
            this.every = every;
        }

        @Override
        public Long run(JobContext ctx) {
            startedAt = count;
            while (count < to) {
                ctx.checkInterrupted();
                count++;
                if (count % every == 0) {
                    ctx.checkpoint();
                }
            }
            return startedAt;
        }
    }

    /** Runs steps a, b, c, remembering how often each body ran (in its state, so only committed runs count). */
    @JobType(name = "kit.steps")
    public static class Steps implements Job<List<String>> {
        static final List<String> BODIES = new java.util.concurrent.CopyOnWriteArrayList<>();

        public Steps() {
        }

        @Override
        public List<String> run(JobContext ctx) throws Exception {
            for (String name : List.of("a", "b", "c")) {
                ctx.step(name, () -> BODIES.add(name));
            }
            return List.of("a", "b", "c");
        }
    }

    /** Keeps what it saw as {@code Object}s: text at first, a {@code Path} from its third checkpoint on. */
    @JobType(name = "kit.loose")
    public static class Loose implements Job<Integer> {
        List<Object> seen = new java.util.ArrayList<>();

        public Loose() {
        }

        @Override
        public Integer run(JobContext ctx) {
            for (int i = 1; i <= 4; i++) {
                seen.add(i >= 3 ? java.nio.file.Path.of("/photos/" + i) : "item " + i);
                ctx.checkpoint();
            }
            return seen.size();
        }
    }

    static JobCatalog catalog() {
        return JobCatalog.of(Count.class, Steps.class, Loose.class);
    }
}
