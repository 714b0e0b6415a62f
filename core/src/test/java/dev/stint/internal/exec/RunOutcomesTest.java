package dev.stint.internal.exec;

import dev.stint.JobStatus;
import dev.stint.StopReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.ErrorRecord;
import dev.stint.InterruptReason;
import dev.stint.JobCancelledException;
import dev.stint.StorageException;
import dev.stint.UnknownJobTypeException;
import dev.stint.internal.store.JobRow;
import dev.stint.jobs.CountJob;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of run end: what each stores, on a real jobs.db. */
class RunOutcomesTest {
    @TempDir
    Path dir;
    Rooms rooms;

    @BeforeEach
    void open() {
        rooms = new Rooms(dir, Map.of("default", 4), 0);
    }

    @AfterEach
    void close() {
        rooms.close();
    }

    private RunningJob claimOne(int maxAttempts) {
        String id = rooms.insert("default", maxAttempts);
        RunningJob rj = rooms.claim().get(0);
        assertThat(rj.id()).isEqualTo(id);
        rj.markStarted(rooms.clock.millis());
        return rj;
    }

    private JobRow record(RunningJob rj, RunEnd end) {
        rooms.outcomes.record(rj, new CountJob(10, 1, 0, null), null, end);
        return rooms.stored(rj.id()).orElseThrow();
    }

    private static ErrorRecord error() {
        return ErrorRecord.of(new IllegalStateException("boom"), 1);
    }

    @Test
    void completed_moves_to_history_with_its_output_and_settles_the_result() {
        RunningJob rj = claimOne(1);
        CompletableFuture<Object> result = rooms.runs.resultFuture(rj.id());
        JobRow row = record(rj, new RunEnd.Completed("out"));
        assertThat(row.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(rooms.codec.decode(row.output(), String.class)).isEqualTo("out");
        assertThat(result).isCompletedWithValue("out");
        assertThat(rooms.runs.contains(rj.id())).isFalse();
    }

    @Test
    void a_failed_attempt_with_attempts_left_is_queued_again_after_a_backoff() {
        RunningJob rj = claimOne(3);
        long before = rooms.clock.millis();
        JobRow row = record(rj, new RunEnd.Failed(error(), false));
        assertThat(row.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.runAt()).isGreaterThanOrEqualTo(before + 8); // 10 ms first delay, -20% jitter at most
        assertThat(JobInfos.errors(rooms.codec, row.attemptErrors())).hasSize(1);
    }

    @Test
    void a_failed_last_attempt_fails_the_job() {
        JobRow row = record(claimOne(1), new RunEnd.Failed(error(), false));
        assertThat(row.status()).isEqualTo(JobStatus.FAILED);
        assertThat(JobInfos.error(rooms.codec, row.error()).message()).contains("boom");
    }

    @Test
    void a_critical_failure_is_not_retried() {
        assertThat(record(claimOne(3), new RunEnd.Failed(error(), true)).status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void a_timed_out_attempt_fails_as_timed_out() {
        JobRow row = record(claimOne(1), new RunEnd.TimedOut());
        assertThat(row.status()).isEqualTo(JobStatus.FAILED);
        assertThat(JobInfos.error(rooms.codec, row.error()).type()).contains("JobTimedOutException");
    }

    @Test
    void a_pause_stores_the_state_and_stays_paused() {
        JobRow row = record(claimOne(1), new RunEnd.Stopped(InterruptReason.PAUSE));
        assertThat(row.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(row.stopReason()).isEqualTo(StopReason.PAUSE);
        // what the resume starts from: the state saved at the pause (reads for the application leave it out)
        byte[] saved = rooms.db.read(c -> {
            try (var ps = c.prepareStatement("SELECT state FROM job_checkpoints WHERE job_id = ?")) {
                ps.setString(1, row.id());
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
        assertThat(rooms.codec.decode(saved, CountJob.class)).isNotNull();
    }

    @Test
    void a_pause_followed_by_a_resume_before_the_job_stopped_queues_it() {
        RunningJob rj = claimOne(1);
        rj.setResumeRequested(true);
        JobRow row = record(rj, new RunEnd.Stopped(InterruptReason.PAUSE));
        assertThat(row.status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void a_shutdown_queues_the_job_to_resume_on_the_next_open() {
        JobRow row = record(claimOne(1), new RunEnd.Stopped(InterruptReason.SHUTDOWN));
        assertThat(row.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(row.stopReason()).isEqualTo(StopReason.SHUTDOWN);
    }

    @Test
    void a_cancel_moves_to_history_and_fails_the_result() {
        RunningJob rj = claimOne(1);
        CompletableFuture<Object> result = rooms.runs.resultFuture(rj.id());
        assertThat(record(rj, new RunEnd.Stopped(InterruptReason.CANCEL)).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(result).isCompletedExceptionally();
        assertThat(result.exceptionNow()).isInstanceOf(JobCancelledException.class);
    }

    @Test
    void a_storage_failure_pauses_the_job_with_stop_reason_storage() {
        JobRow row = record(claimOne(1), new RunEnd.StorageFailed(new StorageException("disk full", null)));
        assertThat(row.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(row.stopReason()).isEqualTo(StopReason.STORAGE);
    }

    @Test
    void waiting_for_children_queues_the_parent_with_stop_reason_waiting() {
        JobRow row = record(claimOne(1), new RunEnd.WaitingForChildren());
        assertThat(row.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(row.stopReason()).isEqualTo(StopReason.WAITING);
    }

    @Test
    void a_job_that_cannot_be_loaded_fails_without_retry() {
        RunningJob rj = claimOne(3);
        JobRow row = record(rj, new RunEnd.LoadFailed(new UnknownJobTypeException(rj.id(), "test.job", "")));
        assertThat(row.status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void only_the_first_end_of_a_run_is_recorded() {
        RunningJob rj = claimOne(3);
        record(rj, new RunEnd.Completed("first"));
        JobRow row = record(rj, new RunEnd.Failed(error(), true));
        assertThat(row.status()).isEqualTo(JobStatus.COMPLETED);
    }
}
