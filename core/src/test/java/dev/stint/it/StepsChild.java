package dev.stint.it;

import dev.stint.Library;
import dev.stint.jobs.StepsJob;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child JVM running a steps job (or, with a fifth argument {@code batch}, a batch job of {@code steps}
 * items in chunks of 25) until killed. Arguments: libraryDir sideFile steps sleepMicros [batch]
 */
public final class StepsChild {
    private StepsChild() {
    }

    public static void main(String[] args) throws Exception {
        Library library = TestLibraries.builder(Path.of(args[0])).powerSafe(true).open();
        boolean batch = args.length > 4 && args[4].equals("batch");
        String id = !library.activeJobs().isEmpty() ? library.activeJobs().get(0).id()
                : batch ? library.dispatch(new dev.stint.jobs.BatchSideJob(Integer.parseInt(args[2]), 25,
                        Long.parseLong(args[3]), args[1])).id()
                : library.dispatch(new StepsJob(Integer.parseInt(args[2]), Long.parseLong(args[3]), args[1])).id();
        System.out.println("READY " + id);
        System.out.flush();
        library.awaitIdle(Duration.ofHours(1));
        new java.util.concurrent.CountDownLatch(1).await(); // park until the test kills this JVM
    }
}
