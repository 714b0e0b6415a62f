package dev.stint.swing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EtaEstimatorTest {
    private static final long S = 1_000_000_000L;

    @Test
    void estimatesFromTheRateOverTheWindow() {
        EtaEstimator eta = new EtaEstimator();
        assertThat(eta.update(0, 0.0)).as("one sample").isNull();
        assertThat(eta.update(S / 2, 0.05)).as("less than a second seen").isNull();
        assertThat(eta.update(2 * S, 0.2)).isEqualTo(Duration.ofSeconds(8)); // 10% a second, 80% left
        assertThat(eta.update(4 * S, 0.4)).isEqualTo(Duration.ofSeconds(6));
        assertThat(eta.update(10 * S, 1.0)).isEqualTo(Duration.ZERO);
    }

    @Test
    void oldSamplesLeaveTheWindowSoTheRateFollowsTheJob() {
        EtaEstimator eta = new EtaEstimator();
        eta.update(0, 0.0);
        eta.update(10 * S, 0.5);          // fast at first
        eta.update(40 * S, 0.6);          // then slow
        Duration left = eta.update(45 * S, 0.61);
        // the window now starts at 10 s: 0.11 in 35 s, 0.39 left → about 124 s
        assertThat(left.toSeconds()).isBetween(120L, 130L);
    }

    @Test
    void unknownOrBackwardsProgressStartsOver() {
        EtaEstimator eta = new EtaEstimator();
        eta.update(0, 0.1);
        eta.update(2 * S, 0.3);
        assertThat(eta.update(3 * S, -1)).isNull();
        assertThat(eta.update(4 * S, 0.5)).isNull();
        assertThat(eta.update(5 * S, 0.2)).as("backwards").isNull();
        assertThat(eta.update(7 * S, 0.2)).as("standing still").isNull();
    }
}
