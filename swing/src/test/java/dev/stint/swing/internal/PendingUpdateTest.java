package dev.stint.swing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.ErrorRecord;
import dev.stint.JobEvent;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Progress;
import dev.stint.testkit.JobInfos;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The value events merge into between two frames, on its own: no toolkit, no library. */
class PendingUpdateTest {
    private static final ErrorRecord BOOM = ErrorRecord.of("java.io.IOException", "boom", 1L);

    @Test
    void emptyHasNothingPending() {
        PendingUpdate e = PendingUpdate.EMPTY;
        assertThat(e.isEmpty()).isTrue();
        assertThat(e.info()).isNull();
        assertThat(e.initial()).isFalse();
        assertThat(e.status()).isNull();
        assertThat(e.error()).isNull();
        assertThat(e.progress()).isNull();
        assertThat(e.stalled()).isNull();
        assertThat(e.stalledSet()).isFalse();
        assertThat(e.nonCritical()).isZero();
        assertThat(e.statusChanges()).isZero();
        assertThat(e.withProgress(new Progress.Count(1, 2)).isEmpty()).isFalse();
        assertThat(e.plusNonCritical().isEmpty()).isFalse();
    }

    @Test
    void statusChangesKeepTheLatestStatusCountEveryChangeAndKeepTheLastError() {
        PendingUpdate u = PendingUpdate.EMPTY
                .withStatus(JobStatus.RUNNING, null)
                .withStatus(JobStatus.FAILED, BOOM)
                .withStatus(JobStatus.QUEUED, null); // a retry: no error on this change

        assertThat(u.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(u.statusChanges()).isEqualTo(3);
        assertThat(u.error()).as("a change without an error keeps the earlier one").isEqualTo(BOOM);
        assertThat(u.stalledSet()).isTrue();
        assertThat(u.stalled()).isNull();
    }

    @Test
    void theLatestProgressWins() {
        PendingUpdate u = PendingUpdate.EMPTY;
        for (long i = 1; i <= 1000; i++) {
            u = u.withProgress(new Progress.Count(i, 1000));
        }
        assertThat(u.progress()).isEqualTo(new Progress.Count(1000, 1000));
        assertThat(u.statusChanges()).isZero();
        assertThat(u.status()).isNull();
    }

    @Test
    void aStallHoldsUntilProgressOrAStatusChangeClearsIt() {
        PendingUpdate stalled = PendingUpdate.EMPTY.withStalled(Duration.ofSeconds(30));
        assertThat(stalled.stalled()).isEqualTo(Duration.ofSeconds(30));
        assertThat(stalled.stalledSet()).isTrue();
        assertThat(stalled.withStalled(Duration.ofSeconds(60)).stalled()).isEqualTo(Duration.ofSeconds(60));
        assertThat(stalled.plusNonCritical().stalled()).as("other news leaves it").isEqualTo(Duration.ofSeconds(30));

        PendingUpdate progressed = stalled.withProgress(new Progress.Percent(0.5));
        assertThat(progressed.stalled()).isNull();
        assertThat(progressed.stalledSet()).as("clearing is news too").isTrue();

        PendingUpdate changed = stalled.withStatus(JobStatus.PAUSED, null);
        assertThat(changed.stalled()).isNull();
        assertThat(changed.stalledSet()).isTrue();

        assertThat(progressed.withStalled(Duration.ofSeconds(5)).stalled()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void nonCriticalErrorsAddUp() {
        PendingUpdate u = PendingUpdate.EMPTY.plusNonCritical().withProgress(new Progress.Count(1, 3))
                .plusNonCritical().withStatus(JobStatus.RUNNING, null).plusNonCritical();
        assertThat(u.nonCritical()).isEqualTo(3);
        assertThat(u.progress()).isEqualTo(new Progress.Count(1, 3));
        assertThat(u.status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void aRecordReplacesTheLastOneAndBeingFirstSticks() {
        JobInfo first = JobInfos.of(Map.of("id", "j1", "name", "swing.gate", "status", JobStatus.QUEUED));
        JobInfo later = JobInfos.of(Map.of("id", "j1", "name", "swing.gate", "status", JobStatus.RUNNING));

        PendingUpdate u = PendingUpdate.EMPTY.withInfo(first, true).withInfo(later, false);
        assertThat(u.info()).isSameAs(later);
        assertThat(u.initial()).as("initial until applied").isTrue();
        assertThat(PendingUpdate.EMPTY.withInfo(later, false).initial()).isFalse();
    }

    @Test
    void eventsMergeLikeTheirWithMethods() {
        PendingUpdate u = PendingUpdate.EMPTY
                .with(new JobEvent.StatusChanged("j1", "swing.gate", JobStatus.QUEUED, JobStatus.RUNNING, null))
                .with(new JobEvent.ProgressUpdated("j1", "swing.gate", new Progress.Count(2, 10)))
                .with(new JobEvent.NonCriticalErrorReported("j1", "swing.gate", BOOM))
                .with(new JobEvent.Stalled("j1", "swing.gate", Duration.ofSeconds(30)));

        assertThat(u).isEqualTo(PendingUpdate.EMPTY
                .withStatus(JobStatus.RUNNING, null)
                .withProgress(new Progress.Count(2, 10))
                .plusNonCritical()
                .withStalled(Duration.ofSeconds(30)));
    }

    @Test
    void takingTheUpdateLeavesEmptyAndTheNextMergeStartsFromNothing() {
        AtomicReference<PendingUpdate> pending = new AtomicReference<>(PendingUpdate.EMPTY);
        pending.getAndUpdate(p -> p.withStatus(JobStatus.RUNNING, null));
        pending.getAndUpdate(p -> p.withProgress(new Progress.Count(5, 10)));
        pending.getAndUpdate(PendingUpdate::plusNonCritical);

        PendingUpdate taken = pending.getAndSet(PendingUpdate.EMPTY);
        assertThat(taken.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(taken.progress()).isEqualTo(new Progress.Count(5, 10));
        assertThat(taken.nonCritical()).isEqualTo(1);
        assertThat(pending.get()).isSameAs(PendingUpdate.EMPTY);
        assertThat(pending.get().isEmpty()).isTrue();

        pending.getAndUpdate(PendingUpdate::plusNonCritical);
        PendingUpdate next = pending.getAndSet(PendingUpdate.EMPTY);
        assertThat(next).as("nothing of the taken update carries over")
                .isEqualTo(new PendingUpdate(null, false, null, null, null, null, false, 1, 0));
        assertThat(pending.get().isEmpty()).isTrue();
    }
}
