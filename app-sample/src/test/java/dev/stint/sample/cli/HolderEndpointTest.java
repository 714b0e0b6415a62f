package dev.stint.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.ControlEndpoint;
import dev.stint.Library;
import dev.stint.LibraryLockedException;
import dev.stint.RemoteLibrary;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A holder that has just taken the lock is given a moment to announce its endpoint; an old one is not waited for. */
class HolderEndpointTest {
    @TempDir
    Path dir;

    private LibraryLockedException lockedSince(Instant since) {
        return new LibraryLockedException(dir, "by process " + ProcessHandle.current().pid() + " since " + since);
    }

    @Test
    void a_holder_that_just_took_the_lock_is_waited_for_until_it_announces_its_endpoint() throws Exception {
        LibraryLockedException locked = lockedSince(Instant.now());
        CompletableFuture<Library> opening = CompletableFuture.supplyAsync(() -> Library.builder(dir)
                .useServiceLoader(false).controlEndpoint(ControlEndpoint.loopback()).autoStart(false).open());
        try {
            Optional<RemoteLibrary> found = HolderEndpoint.find(dir, locked);

            assertThat(found).isPresent();
            found.get().close();
        } finally {
            opening.get(60, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void a_holder_past_its_grace_or_of_unknown_age_is_not_waited_for() {
        long start = System.nanoTime();
        assertThat(HolderEndpoint.find(dir, lockedSince(Instant.now().minus(Duration.ofMinutes(1))))).isEmpty();
        assertThat(HolderEndpoint.find(dir, new LibraryLockedException(dir, "by this process"))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HolderEndpoint.GRACE);
    }

    @Test
    void a_holder_that_never_announces_one_is_given_up_on_when_its_grace_is_over() {
        Instant since = Instant.now().minus(HolderEndpoint.GRACE).plusMillis(300);

        assertThat(HolderEndpoint.find(dir, lockedSince(since))).isEmpty();
        assertThat(Instant.now()).isAfterOrEqualTo(since.plus(HolderEndpoint.GRACE));
    }
}
