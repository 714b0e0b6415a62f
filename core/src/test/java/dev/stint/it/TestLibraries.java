package dev.stint.it;

import dev.stint.Library;
import dev.stint.jobs.TestCatalog;
import java.nio.file.Path;
import java.time.Duration;

/** Opens libraries the way the tests need them. */
final class TestLibraries {
    private TestLibraries() {
    }

    static Library.Builder builder(Path dir) {
        return Library.builder(dir).catalog(TestCatalog.all()).useServiceLoader(false).concurrency(4)
                .progressInterval(Duration.ofMillis(20)).shutdownTimeout(Duration.ofSeconds(5)).powerSafe(false);
    }

    static Library open(Path dir) {
        return builder(dir).open();
    }
}
