package dev.stint.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobCancelledException;
import dev.stint.JobStatus;
import dev.stint.internal.store.JobRow;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RunTableTest {
    private final RunTable table = new RunTable();

    static RunningJob run(String id, String queue) {
        JobRow row = new JobRow(1, id, "test.job", 1, JobStatus.RUNNING, new byte[0], null, 0, null, null, null, null, 1, null,
                0, 0L, null, 0, queue, 0, null, 0, 1, 1000, null, null, null, null, null, null, 0, null, 0);
        return new RunningJob(row, null, null, 0);
    }

    @Test
    void a_run_leaves_only_as_itself() {
        RunningJob first = run("a", "default");
        table.add(first);
        RunningJob second = run("a", "default"); // the same job's next run
        assertThat(table.remove(second)).isFalse();
        assertThat(table.contains("a")).isTrue();
        assertThat(table.remove(first)).isTrue();
        assertThat(table.isEmpty()).isTrue();
    }

    @Test
    void busy_workers_count_only_started_runs() {
        RunningJob started = run("a", "q1");
        started.markStarted(5);
        table.add(started);
        table.add(run("b", "q1")); // claimed ahead, waiting for a worker
        table.add(run("c", "q2"));
        assertThat(table.claimedByQueue(false)).isEqualTo(Map.of("q1", 2, "q2", 1));
        assertThat(table.claimedByQueue(true)).isEqualTo(Map.of("q1", 1));
    }

    @Test
    void a_result_is_settled_once() {
        CompletableFuture<Object> future = table.resultFuture("a");
        assertThat(table.resultFuture("a")).isSameAs(future);
        table.settleResult("a", "out", null);
        table.settleResult("a", null, new JobCancelledException("a")); // a second settle finds nothing
        assertThat(future).isCompletedWithValue("out");
    }

    @Test
    void closing_fails_every_waiting_result() {
        CompletableFuture<Object> a = table.resultFuture("a");
        CompletableFuture<Object> b = table.resultFuture("b");
        table.failAllResults(id -> new IllegalStateException("closed " + id));
        assertThat(a).isCompletedExceptionally();
        assertThat(b).isCompletedExceptionally();
        assertThat(table.resultFuture("a")).isNotSameAs(a);
    }
}
