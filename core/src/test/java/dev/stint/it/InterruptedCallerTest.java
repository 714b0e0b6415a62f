package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stint.Library;
import dev.stint.StintInterruptedException;
import dev.stint.jobs.CountJob;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A caller interrupted while its write waits gets an interruption signal, not "library closed". */
class InterruptedCallerTest {
    @TempDir
    Path dir;

    @Test
    void a_dispatch_interrupted_while_the_writer_is_busy_throws_StintInterruptedException_and_keeps_the_flag()
            throws Exception {
        try (Library library = TestLibraries.builder(dir).busyTimeout(Duration.ofSeconds(60)).autoStart(false).open();
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                Statement st = other.createStatement()) {
            st.execute("BEGIN EXCLUSIVE"); // another program holds jobs.db: the writer's next batch waits for it
            Thread holder = Thread.ofPlatform().name("holder").start(
                    () -> library.dispatch(new CountJob(1, 1, 0, null)));
            // the holder's batch waits inside SQLite: on the writer's thread, or on the holder's own (caller-run)
            await().atMost(Duration.ofSeconds(10)).until(InterruptedCallerTest::aBatchWaitsInsideSqlite);

            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean interruptFlag = new AtomicBoolean();
            Thread caller = Thread.ofPlatform().name("caller").start(() -> {
                try {
                    library.dispatch(new CountJob(2, 1, 0, null));
                } catch (Throwable t) {
                    thrown.set(t);
                    interruptFlag.set(Thread.currentThread().isInterrupted());
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> caller.getState() == Thread.State.WAITING);
            caller.interrupt();
            assertThat(caller.join(Duration.ofSeconds(10))).isTrue();

            assertThat(thrown.get()).isInstanceOf(StintInterruptedException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(interruptFlag).isTrue();

            st.execute("ROLLBACK");
            assertThat(holder.join(Duration.ofSeconds(10))).isTrue();
            await().atMost(10, TimeUnit.SECONDS).until(() -> library.activeJobs().size() == 2); // the write went on
        }
    }

    /** Whether some thread runs a batch on the writer's connection (and so holds it), inside SQLite. */
    private static boolean aBatchWaitsInsideSqlite() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack ->
                Arrays.stream(stack).anyMatch(f -> f.getClassName().endsWith(".GroupCommitWriter"))
                        && Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("org.sqlite.")));
    }
}
