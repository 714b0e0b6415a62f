package dev.stint.it;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import dev.stint.Library;
import dev.stint.TypeRef;
import dev.stint.spi.JobCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A child JVM for {@link WarningFreeStartTest}: opens a library, runs a job that stores state, a step result,
 * intermediate results and progress (so every encoder runs), and prints {@code DONE <output>} on stdout. It
 * prints nothing else; whatever the JVM or a library prints on stderr is what the test looks at.
 */
public final class QuietChild {

    @JobType(name = "quiet.job", version = 1)
    public static class QuietJob implements Job<Integer> {
        List<String> files = new ArrayList<>(List.of("a.jpg", "b.jpg", "c.jpg"));
        int next;

        @Override
        public Integer run(JobContext ctx) throws Exception {
            List<Path> paths = ctx.step("discover", new TypeRef<List<Path>>() {},
                    () -> files.stream().map(Path::of).toList());
            for (; next < paths.size(); next++) {
                ctx.reportPhase("copy", Map.of("file", paths.get(next).toString()));
                ctx.checkpoint();
            }
            ctx.mergeResults(Map.of("copied", next));
            ctx.log().info("copied {}", next);
            return next;
        }
    }

    private QuietChild() {
    }

    public static void main(String[] args) throws Exception {
        try (Library library = Library.builder(Path.of(args[0])).catalog(JobCatalog.of(QuietJob.class))
                .useServiceLoader(false).open()) {
            int copied = library.dispatch(new QuietJob()).result().get();
            System.out.println("DONE " + copied);
        }
    }
}
