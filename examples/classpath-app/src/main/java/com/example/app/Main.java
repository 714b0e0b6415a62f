package com.example.app;

import com.example.jobs.SumJob;
import com.example.jobs.WordCountJob;
import dev.stint.JobEvent;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A minimal app on Stint, run twice as two processes over one library folder:
 * <ol>
 *   <li>{@code first DIR}: runs a job to completion, starts a second one, pauses it half-way and exits;
 *   <li>{@code second DIR}: reopens the library, finds the second job still paused, resumes it and checks
 *       that it finished from where it stopped.
 * </ol>
 * Exits 0 when every check holds, 1 otherwise.
 */
public final class Main {
    private static final int TO = 100;
    private static final int HOLD_AT = 50;

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !(args[0].equals("first") || args[0].equals("second"))) {
            System.err.println("usage: Main first|second LIBRARY_DIR");
            System.exit(64);
        }
        Path dir = Path.of(args[1]);
        try {
            if (args[0].equals("first")) {
                first(dir);
            } else {
                second(dir);
            }
        } catch (Exception | AssertionError e) {
            System.err.println("example failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void first(Path dir) throws Exception {
        deleteFolder(dir); // the example starts from an empty library every time
        try (Library library = Library.builder(dir).open()) {
            int words = library.dispatch(new WordCountJob("a job that runs to completion")).result()
                    .get(60, TimeUnit.SECONDS);
            check(words == 6, "example.words counted " + words + " words, not 6");
            System.out.println("first run: example.words completed with " + words);

            JobHandle<SumJob.Result> sum = library.dispatch(new SumJob(TO, 10, HOLD_AT));
            CountDownLatch paused = new CountDownLatch(1);
            sum.subscribe(event -> {
                if (event instanceof JobEvent.StatusChanged changed && changed.to() == JobStatus.PAUSED) {
                    paused.countDown();
                }
            });
            check(SumJob.HELD.await(60, TimeUnit.SECONDS), "example.sum never reached item " + HOLD_AT);
            sum.pause();
            check(paused.await(60, TimeUnit.SECONDS), "example.sum did not pause");
            System.out.println("first run: example.sum " + sum.id() + " paused at " + HOLD_AT + " of " + TO);
        } // closing the library is the end of this process's work: the paused job stays in jobs.db
    }

    private static void second(Path dir) throws Exception {
        try (Library library = Library.builder(dir).open()) {
            JobInfo stored = library.activeJobs().stream()
                    .filter(job -> job.name().equals("example.sum"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("example.sum is not in the library; run 'first' before"));
            check(stored.status() == JobStatus.PAUSED, "example.sum is " + stored.status() + " after the restart, not paused");
            check(library.history(10).stream().anyMatch(job -> job.name().equals("example.words")
                    && job.status() == JobStatus.COMPLETED), "example.words is not in history as completed");

            JobHandle<SumJob.Result> sum = library.handle(stored.id(), SumJob.Result.class).orElseThrow();
            sum.resume();
            SumJob.Result result = sum.result().get(60, TimeUnit.SECONDS);
            check(result.sum() == (long) TO * (TO + 1) / 2, "example.sum output " + result.sum());
            check(result.resumedFrom() == HOLD_AT, "example.sum resumed from " + result.resumedFrom()
                    + ", not from " + HOLD_AT);
            System.out.println("second run: example.sum " + sum.id() + " resumed from " + result.resumedFrom()
                    + " and completed with " + result.sum());
        }
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }

    private static void deleteFolder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
