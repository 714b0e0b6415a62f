package dev.stint.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.JobInfo;
import dev.stint.JobStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobInfosTest {
    @Test
    void given_components_are_set_and_the_rest_get_neutral_defaults() {
        JobInfo info = JobInfos.of(Map.of("id", "j1", "name", "demo.count", "status", JobStatus.PAUSED, "runCount", 2));
        assertThat(info.id()).isEqualTo("j1");
        assertThat(info.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(info.runCount()).isEqualTo(2);
        assertThat(info.maxAttempts()).isEqualTo(1);
        assertThat(info.attempts()).isZero();
        assertThat(info.nonCriticalErrors()).isEmpty();
        assertThat(info.parentId()).isNull();
    }

    @Test
    void an_unknown_component_is_a_clear_error() {
        assertThatThrownBy(() -> JobInfos.of(Map.of("colour", "red"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("colour");
    }
}
