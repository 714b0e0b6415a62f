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
                ActiveJobs.insert(s, List.of(new NewJob("a", "n", 1, new byte[] {1}, 0)));
                return null;
            });
            CompletableFuture<Object> bad = db.writer().submit(s -> {
                ActiveJobs.insert(s, List.of(new NewJob("b", "n", 1, new byte[] {1}, 0)));
                ActiveJobs.insert(s, List.of(new NewJob("a", "n", 1, new byte[] {1}, 0))); // duplicate id
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
                ActiveJobs.insert(s, List.of(new NewJob("e1", "n", 1, new byte[] {1}, 0)));
                throw new AssertionError("an Error, not an Exception");
            });
            assertThatThrownBy(() -> broken.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            db.writer().submit(s -> {
                ActiveJobs.insert(s, List.of(new NewJob("e2", "n", 1, new byte[] {1}, 0)));
                return null;
            }).get(5, TimeUnit.SECONDS);
            assertThat((int) db.read(c -> count(c, "e1"))).isZero();
            assertThat((int) db.read(c -> count(c, "e2"))).isEqualTo(1);
        }
    }

    @Test
    void an_error_in_a_commit_run_on_the_callers_thread_rolls_the_batch_back_and_the_next_commit_succeeds()
            throws Exception {
        try (Database db = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5), CommitThread.CALLER)) {
            CompletableFuture<Object> broken = db.writer().submitOrRun(s -> {
                ActiveJobs.insert(s, List.of(new NewJob("s1", "n", 1, new byte[] {1}, 0)));
                throw new StackOverflowError("the caller's stack ran out in the middle of the commit");
            });
            assertThatThrownBy(() -> broken.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(dev.stint.StorageException.class);
            // the transaction was rolled back: the next commit starts a fresh one, on any thread
            db.writer().submitOrRun(s -> {
                ActiveJobs.insert(s, List.of(new NewJob("s2", "n", 1, new byte[] {1}, 0)));
                return null;
            }).get(5, TimeUnit.SECONDS);
            db.writer().submit(s -> {
                ActiveJobs.insert(s, List.of(new NewJob("s3", "n", 1, new byte[] {1}, 0)));
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
        try (Database db = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5), CommitThread.CALLER)) {
            Thread caller = Thread.currentThread();
            CompletableFuture<Thread> ranOn = db.writer().submitOrRun(s -> {
                ActiveJobs.insert(s, List.of(new NewJob("c1", "n", 1, new byte[] {1}, 0)));
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
        try (Database db = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5), CommitThread.CALLER)) {
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
        Database closed = Database.open(dir.resolve("a"), Durability.NORMAL, Duration.ofSeconds(5),
                CommitThread.CALLER);
        closed.close();
        assertThatThrownBy(() -> closed.writer().submitOrRun(s -> null).join())
                .hasCauseInstanceOf(LibraryClosedException.class);
        Database crashed = Database.open(dir.resolve("b"), Durability.NORMAL, Duration.ofSeconds(5),
                CommitThread.CALLER);
        crashed.writer().crash();
        assertThatThrownBy(() -> crashed.writer().submitOrRun(s -> {
            ActiveJobs.insert(s, List.of(new NewJob("x", "n", 1, new byte[] {1}, 0)));
            return null;
        }).join()).hasCauseInstanceOf(LibraryClosedException.class);
        crashed.close();
    }

    @Test
    void in_writer_mode_a_waiting_callers_commit_runs_on_the_writers_own_thread_and_batches_concurrent_ones()
            throws Exception {
        try (Database db = Database.open(dir, Durability.FULL, Duration.ofSeconds(5), CommitThread.WRITER)) {
            Thread caller = Thread.currentThread();
            Thread ranOn = db.writer().submitOrRun(s -> {
                ActiveJobs.insert(s, List.of(new NewJob("w1", "n", 1, new byte[] {1}, 0)));
                return Thread.currentThread();
            }).get(5, TimeUnit.SECONDS);
            assertThat(ranOn).isNotSameAs(caller);
            assertThat(ranOn.getName()).startsWith("stint-writer-");
            assertThat(ranOn.isVirtual()).isFalse();
            assertThat((int) db.read(c -> count(c, "w1"))).isEqualTo(1);
            // group commit still: concurrent waiting callers share commits
            int writers = 32;
            int each = 40;
            insertFromManyThreads(db, writers, each, (i, op) -> db.writer().submitOrRun(op));
            assertThat(db.writer().operationsCommitted()).isEqualTo(1 + writers * each);
            assertThat(db.writer().commits()).isLessThan(1 + writers * each);
        }
    }

    @Test
    void in_writer_mode_any_throwable_in_a_batch_fails_it_typed_and_the_writer_goes_on() throws Exception {
        try (Database db = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5), CommitThread.WRITER)) {
            List<Throwable> throwables = List.of(new StackOverflowError("deep"), new OutOfMemoryError("full"),
                    new AssertionError("a callback's Error"));
            int n = 0;
            for (Throwable t : throwables) {
                String id = "t" + n++;
                CompletableFuture<Object> broken = db.writer().submitOrRun(s -> {
                    ActiveJobs.insert(s, List.of(new NewJob(id, "n", 1, new byte[] {1}, 0)));
                    if (t instanceof Error e) {
                        throw e;
                    }
                    return null;
                });
                assertThatThrownBy(() -> broken.get(5, TimeUnit.SECONDS)).as(t.toString())
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(dev.stint.StorageException.class);
                assertThat((int) db.read(c -> count(c, id))).isZero();
            }
            // an operation that interrupts the writer's thread does not stop it either
            db.writer().submitOrRun(s -> {
                Thread.currentThread().interrupt();
                return null;
            }).get(5, TimeUnit.SECONDS);
            db.writer().submitOrRun(s -> {
                ActiveJobs.insert(s, List.of(new NewJob("after", "n", 1, new byte[] {1}, 0)));
                return null;
            }).get(5, TimeUnit.SECONDS);
            assertThat((int) db.read(c -> count(c, "after"))).isEqualTo(1);
        }
    }

    @Test
    void in_writer_mode_an_interrupted_waiting_caller_leaves_its_queued_write_to_commit() throws Exception {
        try (Database db = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5), CommitThread.WRITER)) {
            java.util.concurrent.CountDownLatch inBatch = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            CompletableFuture<Object> blocker = db.writer().submit(s -> {
                inBatch.countDown();
                release.await();
                return null;
            });
            assertThat(inBatch.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Throwable> waited = new CompletableFuture<>();
            Thread caller = Thread.ofPlatform().start(() -> {
                CompletableFuture<Object> mine = db.writer().submitOrRun(s -> {
                    ActiveJobs.insert(s, List.of(new NewJob("queued", "n", 1, new byte[] {1}, 0)));
                    return null;
                });
                try {
                    mine.get();
                    waited.complete(null);
                } catch (Throwable t) {
                    waited.complete(t);
                }
            });
            caller.interrupt();
            assertThat(waited.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            release.countDown();
            blocker.get(5, TimeUnit.SECONDS);
            db.writer().submit(s -> null).get(5, TimeUnit.SECONDS);
            assertThat((int) db.read(c -> count(c, "queued"))).isEqualTo(1);
        }
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
                            ActiveJobs.insert(s, List.of(new NewJob(id, "n", 1, new byte[] {1}, 0)));
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
