package dev.stint.it;

import dev.stint.JobInfo;
import dev.stint.Library;
import dev.stint.jobs.CountJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A child JVM for the crash tests: opens the library, dispatches a counting job unless one is active,
 * prints {@code READY <id>}, and runs until it is killed.
 *
 * <p>Arguments: libraryDir sideFile to checkpointEvery sleepMicros
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String sideFile = args[1];
        long to = Long.parseLong(args[2]);
        long every = Long.parseLong(args[3]);
        long sleepMicros = Long.parseLong(args[4]);
        Library library = TestLibraries.builder(dir).powerSafe(true).open();
        List<JobInfo> active = library.activeJobs();
        String id = active.isEmpty()
                ? library.dispatch(new CountJob(to, every, sleepMicros, sideFile)).id()
                : active.get(0).id();
        System.out.println("READY " + id);
        System.out.flush();
        library.awaitIdle(Duration.ofHours(1));
        System.out.println("IDLE");
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await(); // park until the test kills this JVM
    }
}
