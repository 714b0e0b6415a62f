package dev.stint.sample.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@code demo.steps}: runs {@code steps} named steps {@code s1..sN}, each sleeping {@code sleepMillis}.
 * Each time a step body starts it appends its name as a line to {@code steps.log} in the library folder,
 * so the log shows that a step committed before a crash or pause never runs again. Output:
 * {@code {"completedSteps": N}}.
 */
@JobType(name = "demo.steps", version = 1)
public class StepsJob implements Job<Map<String, Integer>> {
    private int steps = 5;
    private long sleepMillis = 100;

    /** For the engine. */
    public StepsJob() {
    }

    @Override
    public Map<String, Integer> run(JobContext ctx) throws Exception {
        for (int i = 1; i <= steps; i++) {
            String name = "s" + i;
            ctx.step(name, () -> {
                Files.writeString(ctx.libraryDir().resolve("steps.log"), name + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                Thread.sleep(sleepMillis);
            });
            ctx.reportCount(i, steps);
        }
        return Map.of("completedSteps", steps);
    }
}
