package dev.stint.reliability;

import dev.stint.JobInfo;
import dev.stint.Library;
import dev.stint.jobs.TestCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Opens libraries for the reliability tests (as {@code dev.stint.it.TestLibraries} does for the others). */
final class Libraries {
    private Libraries() {
    }

    static Library.Builder builder(Path dir) {
        return Library.builder(dir).catalog(TestCatalog.all()).useServiceLoader(false).concurrency(4)
                .progressInterval(Duration.ofMillis(20)).shutdownTimeout(Duration.ofSeconds(5)).powerSafe(false);
    }

    static Library open(Path dir) {
        return builder(dir).open();
    }

    /** The history entry of one job (history holds at most 10,000 entries by default). */
    static JobInfo finished(Library library, String id) {
        return library.history(10_000).stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("job " + id + " is not in history: " + library.job(id)));
    }

    /** Every job of the library, active and finished. */
    static List<JobInfo> all(Library library) {
        return library.query(dev.stint.JobQuery.all().page(0, 10_000));
    }
}
