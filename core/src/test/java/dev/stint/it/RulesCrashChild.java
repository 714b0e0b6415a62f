package dev.stint.it;

import dev.stint.Condition;
import dev.stint.DispatchOptions;
import dev.stint.JobQuery;
import dev.stint.Library;
import dev.stint.Resource;
import dev.stint.jobs.HoldJob;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child JVM for {@link RulesCrashTest}: dispatches jobs under every kind of run rule (a written folder, a
 * concurrency key, a rate limit, an app condition it sets, a paused tag), prints {@code READY} once some of them
 * run, and runs until it is killed.
 *
 * <p>Arguments: libraryDir sideFolder
 */
public final class RulesCrashChild {
    static final int PER_RULE = 4;

    private RulesCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path side = Path.of(args[1]);
        Library library = TestLibraries.builder(dir).concurrency(6).powerSafe(true).open();
        if (args.length > 2 && args[2].equals("single")) {
            // one job under rules, running when killed: nothing else is queued at the next open
            dispatch(library, side, "single", DispatchOptions.defaults()
                    .withResources(Resource.path(dir.resolve("shared"), Resource.Mode.READ))
                    .withConcurrencyKey("k", 2).withRateLimit("r", 20, Duration.ofSeconds(1)));
            System.out.println("READY");
            System.out.flush();
            new java.util.concurrent.CountDownLatch(1).await();
        }
        library.setCondition("ok", true);
        Path folder = dir.resolve("shared");
        for (int i = 0; i < PER_RULE; i++) {
            dispatch(library, side, "write-" + i, DispatchOptions.defaults()
                    .withResources(Resource.path(folder, Resource.Mode.WRITE)));
            dispatch(library, side, "read-" + i, DispatchOptions.defaults()
                    .withResources(Resource.path(folder.resolve("inside"), Resource.Mode.READ)));
            dispatch(library, side, "key-" + i, DispatchOptions.defaults().withConcurrencyKey("k", 1));
            dispatch(library, side, "rate-" + i, DispatchOptions.defaults()
                    .withRateLimit("r", 2, Duration.ofMillis(500)));
            dispatch(library, side, "cond-" + i, DispatchOptions.defaults().withConditions(Condition.named("ok")));
            dispatch(library, side, "tag-" + i, DispatchOptions.defaults().withTags("held"));
        }
        library.pause(JobQuery.tagged("held"));
        dispatch(library, side, "tag-late", DispatchOptions.defaults().withTags("held"));
        System.out.println("READY");
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await(); // park until the test kills this JVM
    }

    private static void dispatch(Library library, Path side, String name, DispatchOptions options) {
        String id = library.dispatch(new HoldJob(60, 5, 3_000, side.resolve(name).toString()),
                options.withInitiator(name)).id();
        System.out.println("JOB " + name + " " + id);
    }
}
