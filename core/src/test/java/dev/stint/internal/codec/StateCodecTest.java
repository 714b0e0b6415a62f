package dev.stint.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.ErrorRecord;
import dev.stint.Progress;
import dev.stint.jobs.CountJob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StateCodecTest {
    private final StateCodec codec = new StateCodec();

    static List<Progress> progressKinds() {
        return List.of(new Progress.Count(3, 10), new Progress.Percent(0.25), new Progress.Bytes(1024, -1),
                new Progress.Indeterminate("scanning"),
                new Progress.Phase("index", Map.of("done", 5L, "total", 9L, "folder", "/photos")));
    }

    @ParameterizedTest
    @MethodSource("progressKinds")
    void every_progress_kind_survives_storage(Progress progress) {
        byte[] blob = codec.encode(ProgressRecord.of(progress));
        Progress back = codec.decode(blob, ProgressRecord.class).toProgress();
        if (progress instanceof Progress.Phase phase) {
            Progress.Phase decoded = (Progress.Phase) back;
            assertThat(decoded.name()).isEqualTo(phase.name());
            assertThat(decoded.fraction()).isEqualTo(phase.fraction());
            assertThat(decoded.data().get("folder")).isEqualTo("/photos");
        } else {
            assertThat(back).isEqualTo(progress);
        }
    }

    @Test
    void state_is_a_map_of_named_fields_so_added_and_removed_fields_do_not_break_it() throws Exception {
        byte[] blob = codec.encode(new CountJob(7, 2, 0, null));
        assertThat(codec.toJson(blob)).contains("\"to\":7").contains("\"checkpointEvery\":2");
        // a blob written by an older or newer version: one field missing, one unknown field extra
        byte[] other = new com.fasterxml.jackson.databind.ObjectMapper(
                new org.msgpack.jackson.dataformat.MessagePackFactory())
                .writeValueAsBytes(Map.of("to", 9, "addedInV2", "x"));
        CountJob job = codec.decode(other, CountJob.class);
        assertThat(codec.toJson(codec.encode(job))).contains("\"to\":9").contains("\"checkpointEvery\":10");
    }

    @Test
    void error_records_round_trip_without_exception_objects() {
        ErrorRecord error = ErrorRecord.of(new IllegalStateException("boom"), 42);
        StoredError stored = codec.decode(codec.encode(StoredError.of(error)), StoredError.class);
        assertThat(stored.toRecord()).isEqualTo(error);
        assertThat(codec.toJson(codec.encode(StoredError.of(error)))).doesNotContain("@class");
    }

    /** A job may keep times, durations and the records that hold them in its state: they come back exact. */
    static final class TimedState {
        java.time.Instant at;
        java.time.Duration took;
        ErrorRecord lastError;
        dev.stint.ChildResult child;
    }

    @Test
    void instants_durations_and_the_records_holding_them_survive_storage_exactly() {
        TimedState state = new TimedState();
        state.at = java.time.Instant.parse("2026-12-06T05:30:00.123456789Z");
        state.took = java.time.Duration.ofNanos(1_234_567_891L);
        state.lastError = ErrorRecord.of(new IllegalStateException("boom"), 42);
        state.child = new dev.stint.ChildResult("c1", "test.count", dev.stint.JobStatus.FAILED, null, state.lastError);
        TimedState back = codec.decode(codec.encode(state), TimedState.class);
        assertThat(back.at).isEqualTo(state.at);
        assertThat(back.took).isEqualTo(state.took);
        assertThat(back.lastError).isEqualTo(state.lastError);
        assertThat(back.child).isEqualTo(state.child);
    }

    @Test
    void arguments_json_rejects_unknown_fields_and_trailing_garbage() {
        assertThat(codec.fromArgumentsJson("{\"to\": 3}", CountJob.class)).isNotNull();
        assertThatThrownBy(() -> codec.fromArgumentsJson("{\"to\": 3, \"tooo\": 1}", CountJob.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("tooo");
        assertThatThrownBy(() -> codec.fromArgumentsJson("{\"to\": 3} xyz", CountJob.class))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.fromArgumentsJson("null", CountJob.class)).isInstanceOf(CodecException.class);
    }
}
