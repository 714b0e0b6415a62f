package dev.stint.it;

import dev.stint.Library;
import dev.stint.jobs.StepsJob;
import java.nio.file.Path;
import java.time.Duration;

/** A child JVM running a steps job until killed. Arguments: libraryDir sideFile steps sleepMicros */
public final class StepsChild {
    private StepsChild() {
    }

    public static void main(String[] args) throws Exception {
        Library library = TestLibraries.builder(Path.of(args[0])).powerSafe(true).open();
        String id = library.activeJobs().isEmpty()
                ? library.dispatch(new StepsJob(Integer.parseInt(args[2]), Long.parseLong(args[3]), args[1])).id()
                : library.activeJobs().get(0).id();
        System.out.println("READY " + id);
        System.out.flush();
        library.awaitIdle(Duration.ofHours(1));
        Thread.sleep(Long.MAX_VALUE);
    }
}
