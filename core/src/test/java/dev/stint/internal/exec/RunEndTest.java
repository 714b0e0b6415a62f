package dev.stint.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.CriticalJobException;
import dev.stint.InterruptReason;
import dev.stint.JobInterruptedException;
import dev.stint.StorageException;
import org.junit.jupiter.api.Test;

/** How what a job's code threw becomes the end of its run. */
class RunEndTest {
    private static RunEnd of(Throwable t, InterruptReason requested) {
        return RunEnd.ofThrown(t, requested, 1_000);
    }

    @Test
    void waiting_for_children_ends_the_run_as_waiting() {
        assertThat(of(new AwaitingChildren("j", 2), null)).isInstanceOf(RunEnd.WaitingForChildren.class);
    }

    @Test
    void an_interruption_for_a_timeout_is_a_timed_out_attempt() {
        assertThat(of(new JobInterruptedException("j", InterruptReason.TIMEOUT), InterruptReason.TIMEOUT))
                .isInstanceOf(RunEnd.TimedOut.class);
    }

    @Test
    void an_interruption_wrapped_by_the_job_still_stops_it_for_its_reason() {
        RunEnd end = of(new IllegalStateException("wrapped", new JobInterruptedException("j", InterruptReason.PAUSE)),
                InterruptReason.PAUSE);
        assertThat(end).isEqualTo(new RunEnd.Stopped(InterruptReason.PAUSE));
    }

    @Test
    void a_storage_failure_pauses_the_job_unless_it_was_cancelled() {
        StorageException full = new StorageException("disk full", null);
        assertThat(of(new RuntimeException(full), null)).isEqualTo(new RunEnd.StorageFailed(full));
        assertThat(of(new RuntimeException(full), InterruptReason.CANCEL)).isInstanceOf(RunEnd.Failed.class);
    }

    @Test
    void a_thread_interrupt_while_cancelling_is_a_cancel() {
        assertThat(of(new InterruptedException(), InterruptReason.CANCEL))
                .isEqualTo(new RunEnd.Stopped(InterruptReason.CANCEL));
    }

    @Test
    void a_critical_error_anywhere_in_the_causes_fails_without_retry() {
        RunEnd end = of(new RuntimeException(new CriticalJobException("bad input")), null);
        assertThat(end).isInstanceOfSatisfying(RunEnd.Failed.class, f -> {
            assertThat(f.critical()).isTrue();
            assertThat(f.error().at().toEpochMilli()).isEqualTo(1_000);
        });
    }

    @Test
    void any_other_throwable_is_a_failed_attempt() {
        assertThat(of(new IllegalArgumentException("x"), null)).isInstanceOfSatisfying(RunEnd.Failed.class,
                f -> assertThat(f.critical()).isFalse());
        assertThat(of(new StackOverflowError(), null)).isInstanceOf(RunEnd.Failed.class);
    }

    @Test
    void the_cause_walk_stops_after_sixteen_levels() {
        Throwable t = new CriticalJobException("deep");
        for (int i = 0; i < 16; i++) {
            t = new RuntimeException(t);
        }
        assertThat(RunEnd.inCauses(t, CriticalJobException.class)).isNull();
    }
}
