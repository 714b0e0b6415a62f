package dev.stint.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(4, 1000, 5000);

    @Test
    void retries_until_the_attempts_are_used_up() {
        assertThat(policy.retries(1, false)).isTrue();
        assertThat(policy.retries(3, false)).isTrue();
        assertThat(policy.retries(4, false)).isFalse();
        assertThat(new RetryPolicy(1, 1000, 5000).retries(1, false)).isFalse();
    }

    @Test
    void a_critical_error_is_never_retried() {
        assertThat(policy.retries(1, true)).isFalse();
    }

    @Test
    void the_delay_doubles_per_attempt_before_jitter() {
        assertThat(policy.delayMillis(1, () -> 0.5)).isEqualTo(1000);
        assertThat(policy.delayMillis(2, () -> 0.5)).isEqualTo(2000);
        assertThat(policy.delayMillis(3, () -> 0.5)).isEqualTo(4000);
    }

    @Test
    void the_delay_is_capped() {
        assertThat(policy.delayMillis(4, () -> 0.5)).isEqualTo(5000);
        assertThat(policy.delayMillis(40, () -> 0.5)).isEqualTo(5000);
    }

    @Test
    void jitter_spreads_the_delay_by_a_fifth_either_way() {
        assertThat(policy.delayMillis(1, () -> 0.0)).isEqualTo(800);
        assertThat(policy.delayMillis(1, () -> 0.999_999)).isBetween(1199L, 1200L);
        assertThat(policy.delayMillis(4, () -> 0.0)).isEqualTo(4000); // the cap is jittered too
    }

    @Test
    void a_policy_with_no_attempt_or_a_negative_delay_is_refused_naming_the_setting() {
        assertThatThrownBy(() -> new RetryPolicy(0, 1000, 5000)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(1, -1, 5000)).hasMessageContaining("delays");
    }
}
