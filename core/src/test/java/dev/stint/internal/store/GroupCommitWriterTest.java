package dev.stint.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.LibraryClosedException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitWriterTest {
    @TempDir
    Path dir;

    @Test
    void concurrent_writes_share_commits_and_each_returns_after_its_commit() throws Exception {
        try (Database db = Database.open(dir, Durability.FULL, Duration.ofSeconds(5))) {
            int writers = 64;
            int each = 50;
            insertFromManyThreads(db, writers, each, (i, op) -> db.writer().submit(op));
            assertThat(db.writer().operationsCommitted()).isEqualTo(writers * each);
            assertThat(db.writer().commits()).isLessThan(writers * each);
        }
    }

    @Test
    void a_failing_operation_rolls_back_alone() throws Exception {
        try (Database db = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5))) {
            CompletableFuture<Object> ok = db.writer().submit(s -> {
                ActiveJobs.insert(s, List.of(new ActiveJobs.NewJob("a", "n", 1, new byte[] {1}, 0)));
                return null;
            });
            CompletableFuture<Object> bad = db.writer().submit(s -> {
                ActiveJobs.insert(s, List.of(new ActiveJobs.NewJob("b", "n", 1, new byte[] {1}, 0)));
                ActiveJobs.insert(s, List.of(new ActiveJobs.NewJob("a", "n", 1, new byte[] {1}, 0))); // duplicate id
                return null;
            });
            ok.get(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat((int) db.read(c -> count(c, "a"))).isEqualTo(1);
            assertThat((int) db.read(c -> count(c, "b"))).isZero();
        }
    }

    @Test
    void an_error_thrown_by_an_operation_fails_its_batch_but_never_kills_the_writer() throws Exception {
        try (Database db = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5))) {
            CompletableFuture<Object> broken = db.writer().submit(s -> {
                ActiveJobs.insert(s, List.of(new ActiveJobs.NewJob("e1", "n", 1, new byte[] {1}, 0)));
                throw new AssertionError("an Error, not an Exception");
            });
            assertThatThrownBy(() -> broken.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            db.writer().submit(s -> {
                ActiveJobs.insert(s, List.of(new ActiveJobs.NewJob("e2", "n", 1, new byte[] {1}, 0)));
                return null;
            }).get(5, TimeUnit.SECONDS);
            assertThat((int) db.read(c -> count(c, "e1"))).isZero();
            assertThat((int) db.read(c -> count(c, "e2"))).isEqualTo(1);
        }
    }

    @Test
    void an_error_in_a_commit_run_on_the_callers_thread_rolls_the_batch_back_and_the_next_commit_succeeds()
            throws Exception {
        try (Database db = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5))) {
            CompletableFuture<Object> broken = db.writer().submitOrRun(s -> {
                ActiveJobs.insert(s, List.of(new ActiveJobs.NewJob("s1", "n", 1, new byte[] {1}, 0)));
                throw new StackOverflowError("the caller's stack ran out in the middle of the commit");
            });
            assertThatThrownBy(() -> broken.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(dev.stint.StorageException.class);
            // the transaction was rolled back: the next commit starts a fresh one, on any thread
            db.writer().submitOrRun(s -> {
                ActiveJobs.insert(s, List.of(new ActiveJobs.NewJob("s2", "n", 1, new byte[] {1}, 0)));
                return null;
            }).get(5, TimeUnit.SECONDS);
            db.writer().submit(s -> {
                ActiveJobs.insert(s, List.of(new ActiveJobs.NewJob("s3", "n", 1, new byte[] {1}, 0)));
                return null;
            }).get(5, TimeUnit.SECONDS);
            assertThat((int) db.read(c -> count(c, "s1"))).isZero();
            assertThat((int) db.read(c -> count(c, "s2"))).isEqualTo(1);
            assertThat((int) db.read(c -> count(c, "s3"))).isEqualTo(1);
        }
    }

    @Test
    void writes_after_close_fail_with_library_closed() {
        Database db = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5));
        db.close();
        assertThatThrownBy(() -> db.writer().submit(s -> null).join()).hasCauseInstanceOf(LibraryClosedException.class);
    }

    @Test
    void an_idle_writer_lets_the_caller_run_its_own_commit_on_its_own_thread() throws Exception {
        try (Database db = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5))) {
            Thread caller = Thread.currentThread();
            CompletableFuture<Thread> ranOn = db.writer().submitOrRun(s -> {
                ActiveJobs.insert(s, List.of(new ActiveJobs.NewJob("c1", "n", 1, new byte[] {1}, 0)));
                return Thread.currentThread();
            });
            // completed (and committed) before submitOrRun returned
            assertThat(ranOn).isCompleted();
            assertThat(ranOn.get()).isSameAs(caller);
            assertThat((int) db.read(c -> count(c, "c1"))).isEqualTo(1);
            assertThat(db.writer().commits()).isEqualTo(1);
        }
    }

    @Test
    void caller_run_and_queued_writes_from_many_threads_all_commit_exactly_once() throws Exception {
        try (Database db = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5))) {
            int writers = 32;
            int each = 40;
            // half through the queue, half run by the caller when the writer is idle
            insertFromManyThreads(db, writers, each,
                    (i, op) -> i % 2 == 0 ? db.writer().submitOrRun(op) : db.writer().submit(op));
            assertThat(db.writer().operationsCommitted()).isEqualTo(writers * each);
            assertThat((int) db.read(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM jobs")) {
                    return rs.next() ? rs.getInt(1) : -1;
                }
            })).isEqualTo(writers * each);
        }
    }

    @Test
    void caller_run_writes_after_close_or_crash_fail_with_library_closed_and_write_nothing() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("a"));
        java.nio.file.Files.createDirectories(dir.resolve("b"));
        Database closed = Database.open(dir.resolve("a"), Durability.NORMAL, Duration.ofSeconds(5));
        closed.close();
        assertThatThrownBy(() -> closed.writer().submitOrRun(s -> null).join())
                .hasCauseInstanceOf(LibraryClosedException.class);
        Database crashed = Database.open(dir.resolve("b"), Durability.NORMAL, Duration.ofSeconds(5));
        crashed.writer().crash();
        assertThatThrownBy(() -> crashed.writer().submitOrRun(s -> {
            ActiveJobs.insert(s, List.of(new ActiveJobs.NewJob("x", "n", 1, new byte[] {1}, 0)));
            return null;
        }).join()).hasCauseInstanceOf(LibraryClosedException.class);
        crashed.close();
    }

    private static int count(java.sql.Connection c, String id) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM jobs WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /**
     * {@code writers} virtual threads each insert {@code each} jobs, one write at a time through
     * {@code submit}; after each write returns, its row must be visible to the reader connection (committed).
     */
    private static void insertFromManyThreads(Database db, int writers, int each,
            java.util.function.BiFunction<Integer, WriteOp<Object>, CompletableFuture<Object>> submit)
            throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                all.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < each; i++) {
                        String id = writer + "-" + i;
                        WriteOp<Object> op = s -> {
                            ActiveJobs.insert(s, List.of(new ActiveJobs.NewJob(id, "n", 1, new byte[] {1}, 0)));
                            return null;
                        };
                        submit.apply(i, op).join();
                        // committed: visible to the separate reader connection at once
                        assertThat((int) db.read(c -> count(c, id))).isEqualTo(1);
                    }
                }, pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
    }
}
