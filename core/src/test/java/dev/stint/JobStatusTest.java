package dev.stint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobStatusTest {
    @Test
    void terminal_statuses_have_no_way_out() {
        for (JobStatus terminal : EnumSet.of(JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED)) {
            assertThat(terminal.isTerminal()).isTrue();
            for (JobStatus next : JobStatus.values()) {
                assertThat(terminal.canTransitionTo(next)).as("%s -> %s", terminal, next).isFalse();
            }
        }
    }

    @Test
    void legal_transitions_are_exactly_the_documented_ones() {
        assertThat(allowed(JobStatus.QUEUED)).containsExactlyInAnyOrder(JobStatus.RUNNING, JobStatus.PAUSED,
                JobStatus.CANCELLED, JobStatus.FAILED);
        assertThat(allowed(JobStatus.RUNNING)).containsExactlyInAnyOrder(JobStatus.QUEUED, JobStatus.PAUSED,
                JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED);
        assertThat(allowed(JobStatus.PAUSED)).containsExactlyInAnyOrder(JobStatus.QUEUED, JobStatus.CANCELLED,
                JobStatus.FAILED);
    }

    @Test
    void an_illegal_transition_names_both_statuses() {
        assertThatThrownBy(() -> JobStatus.COMPLETED.checkTransitionTo(JobStatus.QUEUED, "j1"))
                .isInstanceOf(IllegalJobTransitionException.class)
                .hasMessage("job j1 cannot go from completed to queued");
    }

    @Test
    void wire_names_round_trip() {
        for (JobStatus s : JobStatus.values()) {
            assertThat(JobStatus.fromWireName(s.wireName())).isEqualTo(s);
            assertThat(s.wireName()).isLowerCase();
        }
    }

    private static Set<JobStatus> allowed(JobStatus from) {
        Set<JobStatus> out = EnumSet.noneOf(JobStatus.class);
        for (JobStatus to : JobStatus.values()) {
            if (from.canTransitionTo(to)) {
                out.add(to);
            }
        }
        return out;
    }
}
