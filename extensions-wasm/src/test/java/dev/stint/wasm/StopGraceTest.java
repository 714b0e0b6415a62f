package dev.stint.wasm;

import dev.stint.StopReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module that never checks for interruption can still be paused, cancelled and shut down: the watchdog
 * stops it after the grace period and the engine records what was asked, with its last checkpoint.
 */
class StopGraceTest {
    @TempDir
    Path dir;

    private WasmExtensions loopExtension() {
        Plugins.install(dir, "loop", Plugins.descriptor("test-loop", "loop"), "loop");
        return WasmExtensions.builder(dir)
                .limits(WasmLimits.defaults().withStopGrace(Duration.ofMillis(300)))
                .discover();
    }

    @Test
    void a_module_that_ignores_pause_is_stopped_after_the_grace_period_and_recorded_paused() throws Exception {
        try (Library library = Plugins.open(dir, loopExtension())) {
            JobHandle<Object> handle = library.dispatch("test-loop:loop", "{}");
            await().atMost(Duration.ofSeconds(30)).until(() -> handle.status() == JobStatus.RUNNING);

            handle.pause();

            await().atMost(Duration.ofSeconds(30)).until(() -> handle.status() == JobStatus.PAUSED);
            assertThat(library.job(handle.id()).orElseThrow().stopReason()).isEqualTo(StopReason.PAUSE);
            handle.cancel();
            await().atMost(Duration.ofSeconds(30)).until(() -> handle.status() == JobStatus.CANCELLED);
        }
    }

    @Test
    void closing_the_library_stops_a_module_that_ignores_shutdown_well_before_the_shutdown_timeout() throws Exception {
        String id;
        long closeNanos;
        Library library = Plugins.builder(dir, loopExtension()).shutdownTimeout(Duration.ofSeconds(30)).open();
        try {
            JobHandle<Object> handle = library.dispatch("test-loop:loop", "{}");
            id = handle.id();
            await().atMost(Duration.ofSeconds(30)).until(() -> handle.status() == JobStatus.RUNNING);
        } finally {
            long start = System.nanoTime();
            library.close();
            closeNanos = System.nanoTime() - start;
        }
        assertThat(Duration.ofNanos(closeNanos)).isLessThan(Duration.ofSeconds(10));
        try (Library reopened = Plugins.builder(dir, loopExtension()).autoStart(false).open()) {
            JobInfo info = reopened.job(id).orElseThrow();
            assertThat(info.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(info.stopReason()).isEqualTo(StopReason.SHUTDOWN);
            reopened.cancel(id);
            assertThat(reopened.handle(id).orElseThrow().result()).failsWithin(10, TimeUnit.SECONDS);
        }
    }
}
