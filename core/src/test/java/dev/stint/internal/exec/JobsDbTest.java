package dev.stint.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.locks.LockSupport;

import dev.stint.internal.store.CommitThread;
import dev.stint.internal.store.Database;
import dev.stint.internal.store.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which thread runs a write's SQL: a job's thread, and any write a job asks for through its context, hand it to
 * the writer's own thread; other callers may run it themselves when the writer is idle (the default,
 * {@link CommitThread#CALLER_EXCEPT_JOBS}).
 */
class JobsDbTest {
    @TempDir
    Path dir;

    @Test
    void the_default_runs_job_writes_on_the_writers_thread_and_lets_other_idle_callers_run_their_own()
            throws Exception {
        assertThat(CommitThread.fromSystemProperty()).isEqualTo(CommitThread.CALLER_EXCEPT_JOBS);
        try (Database database = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5),
                CommitThread.CALLER_EXCEPT_JOBS)) {
            JobsDb db = new JobsDb(database);
            Thread caller = Thread.currentThread();
            // the application's (or the engine's own) thread, writer idle: runs its own commit
            assertThat(ranOnceIdle(db, caller)).isSameAs(caller);

            // a job's thread: the writer's platform thread runs the SQL, whatever the job's stack
            CompletableFuture<Thread[]> onJob = new CompletableFuture<>();
            Thread job = Thread.ofVirtual().start(() -> JobsDb.runAsJobThread(() ->
                    onJob.complete(new Thread[] {Thread.currentThread(), db.write(s -> Thread.currentThread())})));
            Thread[] seen = onJob.get(5, TimeUnit.SECONDS);
            assertThat(seen[1]).isNotSameAs(seen[0]);
            assertThat(seen[1].getName()).startsWith("stint-writer-");
            assertThat(seen[1].isVirtual()).isFalse();
            job.join();

            // a write asked for through a job's context, from a thread the job made itself: the writer's thread too
            Thread forJob = db.writeForJob(s -> Thread.currentThread());
            assertThat(forJob).isNotSameAs(caller);
            assertThat(forJob.getName()).startsWith("stint-writer-");
            // the mark ends with the job's run
            assertThat(ranOnceIdle(db, caller)).isSameAs(caller);
        }
    }

    @Test
    void caller_mode_lets_a_job_run_its_own_commit_and_writer_mode_never_lets_anyone() throws Exception {
        try (Database caller = Database.open(Files.createDirectories(dir.resolve("c")), Durability.NORMAL,
                Duration.ofSeconds(5), CommitThread.CALLER)) {
            JobsDb db = new JobsDb(caller);
            Thread thread = db.writeForJob(s -> Thread.currentThread());
            assertThat(thread).isSameAs(Thread.currentThread());
        }
        try (Database writer = Database.open(Files.createDirectories(dir.resolve("w")), Durability.NORMAL,
                Duration.ofSeconds(5), CommitThread.WRITER)) {
            JobsDb db = new JobsDb(writer);
            assertThat(ranOn(db).getName()).startsWith("stint-writer-");
        }
    }

    private static Thread ranOn(JobsDb db) {
        return db.write(s -> Thread.currentThread());
    }

    /**
     * Where a write from {@code caller} ran once the writer was idle: a write that finds the writer busy (its
     * thread just finished a batch or paces a WAL checkpoint) is queued to it, as it should be, so a few tries
     * are allowed before the last answer counts.
     */
    private static Thread ranOnceIdle(JobsDb db, Thread caller) {
        Thread ran = ranOn(db);
        // a loaded machine can keep the writer's thread from its queue for a while: wait up to about 2 s
        for (int i = 0; i < 400 && ran != caller; i++) {
            LockSupport.parkNanos(5_000_000);
            ran = ranOn(db);
        }
        return ran;
    }
}
