package dev.stint.internal.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The endpoint's pace: a burst after a quiet spell, then one request per interval, and refusals beyond the wait. */
class RequestPacerTest {

    @Test
    void after_a_quiet_second_a_burst_of_rate_requests_goes_at_once_and_the_next_is_refused_if_it_may_not_wait()
            throws Exception {
        AtomicLong clock = new AtomicLong(TimeUnit.SECONDS.toNanos(100)); // stands still
        RequestPacer pacer = new RequestPacer(10, clock::get);
        int went = 0;
        while (pacer.await(0)) {
            went++;
            assertThat(went).isLessThanOrEqualTo(11);
        }
        // a second's worth saved up, plus the slot that is due now
        assertThat(went).isEqualTo(11);
        // a refusal comes only after the longest wait (a client that asks again at once cannot flood), and
        // takes no slot: a refused request does not push the ones after it further back
        long refusedAt = System.nanoTime();
        assertThat(pacer.await(TimeUnit.MILLISECONDS.toNanos(99))).isFalse();
        assertThat(System.nanoTime() - refusedAt).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(99));
        assertThat(pacer.await(TimeUnit.MILLISECONDS.toNanos(99))).isFalse();
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(pacer.await(0)).isTrue();
        assertThat(pacer.await(0)).isFalse();
    }

    @Test
    void requests_beyond_the_burst_go_one_interval_apart() throws Exception {
        RequestPacer pacer = new RequestPacer(100, System::nanoTime);
        while (pacer.await(0)) {
            // spend the burst
        }
        long start = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            assertThat(pacer.await(TimeUnit.SECONDS.toNanos(5))).isTrue();
        }
        // 30 more at 100 a second cannot take less than about 0.3 s (a lower bound: never flaky)
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(280));
    }

    @Test
    void a_waiting_request_that_is_interrupted_gives_up() {
        RequestPacer pacer = new RequestPacer(1, System::nanoTime);
        while (true) {
            try {
                if (!pacer.await(0)) {
                    break;
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> pacer.await(TimeUnit.SECONDS.toNanos(5))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }
}
