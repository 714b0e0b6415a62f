package dev.stint.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.LibraryClosedException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's housekeeping off the commit path: work that waits until nothing else is queued
 * ({@link GroupCommitWriter#submitWhenIdle}), such as pruning history.
 */
class HousekeepingTest {
    @TempDir
    Path dir;

    @Test
    void idle_work_runs_after_what_was_queued_before_it() throws Exception {
        try (Database db = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5))) {
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch hold = new CountDownLatch(1);
            // the writer is busy with a batch that waits; meanwhile idle work, then ordinary work, are queued
            CompletableFuture<Object> blocker = db.writer().submit(s -> {
                hold.await();
                order.add("blocker");
                return null;
            });
            CompletableFuture<Object> idle = db.writer().submitWhenIdle(s -> {
                order.add("idle");
                return null;
            });
            CompletableFuture<Object> later = db.writer().submit(s -> {
                order.add("ordinary");
                return null;
            });
            hold.countDown();
            CompletableFuture.allOf(blocker, idle, later).get(5, TimeUnit.SECONDS);
            assertThat(order).containsExactly("blocker", "ordinary", "idle");
        }
    }

    @Test
    void idle_work_is_not_put_off_for_ever_by_a_writer_that_is_never_idle() throws Exception {
        try (Database db = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5))) {
            CompletableFuture<Integer> idle = db.writer().submitWhenIdle(s -> 1);
            // keep the queue from ever emptying: each write queues the next one before it returns
            int[] batches = {0};
            CompletableFuture<Void> busy = new CompletableFuture<>();
            class Chain {
                void next() {
                    db.writer().submit(s -> {
                        batches[0]++;
                        if (!idle.isDone() && batches[0] < 10 * GroupCommitWriter.MAX_BATCHES_BEFORE_IDLE_WORK) {
                            next();
                        } else {
                            busy.complete(null);
                        }
                        return null;
                    });
                }
            }
            new Chain().next();
            busy.get(10, TimeUnit.SECONDS);
            assertThat(idle.get(5, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(batches[0]).isLessThanOrEqualTo(GroupCommitWriter.MAX_BATCHES_BEFORE_IDLE_WORK + 1);
        }
    }

    @Test
    void idle_work_still_queued_when_the_library_closes_fails_as_closed_and_is_never_written() throws Exception {
        Database db = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5));
        CountDownLatch hold = new CountDownLatch(1);
        CompletableFuture<Object> busy = db.writer().submit(s -> {
            hold.await();
            return null;
        });
        CompletableFuture<Object> idle = db.writer().submitWhenIdle(s -> {
            ActiveJobs.insert(s, List.of(new NewJob("idle", "n", 1, new byte[] {1}, 0)));
            return null;
        });
        // close while the writer is busy: the close is queued behind the busy batch, ahead of any idle moment
        Thread closer = Thread.ofVirtual().start(db::close);
        while (!db.writer().submit(s -> null).isCompletedExceptionally()) {
            Thread.onSpinWait(); // until the writer no longer accepts work: the close is queued
        }
        hold.countDown();
        closer.join();
        busy.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(idle::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(LibraryClosedException.class);
        try (Database reopened = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5))) {
            assertThat((int) reopened.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM jobs WHERE id = 'idle'")) {
                    rs.next();
                    return rs.getInt(1);
                }
            })).isZero();
        }
    }
}
