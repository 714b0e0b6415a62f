package dev.stint.it;

import dev.stint.Library;
import dev.stint.jobs.TreeJob;
import java.nio.file.Path;
import java.time.Duration;

/** A child JVM running a job tree until killed. Arguments: libraryDir children childTo sleepMicros */
public final class TreeChild {
    private TreeChild() {
    }

    public static void main(String[] args) throws Exception {
        Library library = TestLibraries.builder(Path.of(args[0])).powerSafe(true).concurrency(2).open();
        String id = library.query(dev.stint.JobQuery.all().withName("test.tree")).isEmpty()
                ? library.dispatch(new TreeJob(Integer.parseInt(args[1]), Long.parseLong(args[2]),
                        Long.parseLong(args[3]), false, false)).id()
                : library.query(dev.stint.JobQuery.all().withName("test.tree")).get(0).id();
        System.out.println("READY " + id);
        System.out.flush();
        library.awaitIdle(Duration.ofHours(1));
        new java.util.concurrent.CountDownLatch(1).await(); // park until the test kills this JVM
    }
}
