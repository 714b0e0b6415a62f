package dev.stint.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.ErrorRecord;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.Progress;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The engine's own records written with msgpack-core are the bytes the Jackson encoder (the codec before
 * it had its own) wrote, and bytes the Jackson encoder wrote read back the same through either path.
 */
class EngineRecordsTest {
    /** The old encoder: Jackson's MessagePack mapper with the codec's settings. */
    private final ObjectMapper jackson = JacksonMappers.newMessagePackMapper();
    private final StateCodec codec = new StateCodec();

    private static String repeat(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + i % 26));
        }
        return b.toString();
    }

    static List<Progress> progress() {
        return List.of(new Progress.Count(0, 0), new Progress.Count(3, 10), new Progress.Count(-1, -200_000),
                new Progress.Count(Long.MAX_VALUE, Long.MIN_VALUE), new Progress.Bytes(1L << 40, -1),
                new Progress.Bytes(255, 65_536), new Progress.Percent(0.25), new Progress.Percent(0),
                new Progress.Percent(Double.NaN), new Progress.Indeterminate(null), new Progress.Indeterminate(""),
                new Progress.Indeterminate("scanning ü ✓ 🎞"), new Progress.Indeterminate(repeat(31)),
                new Progress.Indeterminate(repeat(32)), new Progress.Indeterminate(repeat(300)),
                new Progress.Indeterminate(repeat(70_000)), new Progress.Phase("index", Map.of()),
                new Progress.Phase("", null));
    }

    @ParameterizedTest
    @MethodSource("progress")
    void a_progress_snapshot_is_written_as_the_jackson_encoder_wrote_it(Progress p) throws Exception {
        ProgressRecord r = ProgressRecord.of(p);
        byte[] old = jackson.writeValueAsBytes(r);

        byte[] now = EngineRecords.encode(r);

        assertThat(now).as("%s: %s", p, HexFormat.of().formatHex(old, 0, Math.min(old.length, 64))).isEqualTo(old);
        ProgressRecord back = (ProgressRecord) EngineRecords.decode(old, ProgressRecord.class);
        assertThat(back).usingRecursiveComparison().isEqualTo(jackson.readValue(old, ProgressRecord.class));
        assertThat(codec.decode(old, ProgressRecord.class).toProgress()).isEqualTo(
                jackson.readValue(old, ProgressRecord.class).toProgress());
    }

    @Test
    void a_phase_with_data_is_left_to_jackson_and_reads_back_as_before() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("done", 5L);
        data.put("total", 9);
        data.put("folder", "/photos");
        data.put("nested", Map.of("a", List.of(1, 2.5, "x")));
        ProgressRecord r = ProgressRecord.of(new Progress.Phase("index", data));
        byte[] old = jackson.writeValueAsBytes(r);

        assertThat(EngineRecords.encode(r)).isNull();
        assertThat(codec.encode(r)).isEqualTo(old);
        assertThat(EngineRecords.decode(old, ProgressRecord.class)).isSameAs(EngineRecords.NOT_HANDLED);
        assertThat(codec.decode(old, ProgressRecord.class).toProgress()).isEqualTo(
                jackson.readValue(old, ProgressRecord.class).toProgress());
    }

    static List<ErrorRecord> errors() {
        return List.of(new ErrorRecord("java.lang.IllegalStateException", "bad", "at x\n\tat y", Instant.ofEpochMilli(
                1_765_000_000_123L)), new ErrorRecord("t", "", "", Instant.EPOCH),
                new ErrorRecord("t", repeat(9000), repeat(40_000), Instant.ofEpochMilli(-5)),
                new ErrorRecord("t", "m", "s", Instant.ofEpochMilli(Long.MAX_VALUE)));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void a_stored_error_is_written_as_the_jackson_encoder_wrote_it(ErrorRecord e) throws Exception {
        StoredError s = StoredError.of(e);
        byte[] old = jackson.writeValueAsBytes(s);

        assertThat(EngineRecords.encode(s)).isEqualTo(old);
        assertThat(codec.decode(old, StoredError.class).toRecord()).isEqualTo(
                jackson.readValue(old, StoredError.class).toRecord());
    }

    @Test
    void a_stored_error_with_nulls_and_a_list_with_holes_read_back_as_before() throws Exception {
        StoredError blank = new StoredError();
        StoredError[] list = {StoredError.of(errors().get(0)), null, blank, StoredError.of(errors().get(2))};
        byte[] old = jackson.writeValueAsBytes(list);

        assertThat(EngineRecords.encode(list)).isEqualTo(old);
        assertThat(StoredError.toRecords(codec.decode(old, StoredError[].class))).isEqualTo(
                StoredError.toRecords(jackson.readValue(old, StoredError[].class)));
        assertThat(EngineRecords.encode(new StoredError[0])).isEqualTo(jackson.writeValueAsBytes(new StoredError[0]));
    }

    @Test
    void an_error_list_that_error_budget_wrote_reads_back_as_jackson_reads_it() throws Exception {
        List<ErrorRecord> errors = ErrorBudget.bounded(errors(), Instant.EPOCH);
        byte[] blob = ErrorBudget.encode(codec, errors, Instant.EPOCH);
        assertThat(blob).isEqualTo(jackson.writeValueAsBytes(StoredError.ofAll(errors)));
        assertThat(StoredError.toRecords(codec.decode(blob, StoredError[].class))).isEqualTo(
                StoredError.toRecords(jackson.readValue(blob, StoredError[].class)));
    }

    @Test
    void spawned_child_ids_are_written_as_the_jackson_encoder_wrote_them() throws Exception {
        String[] ids = {"01JABCDEF", "", null, repeat(40)};
        byte[] old = jackson.writeValueAsBytes(ids);

        assertThat(EngineRecords.encode(ids)).isEqualTo(old);
        assertThat(codec.decode(old, String[].class)).containsExactly(ids);
    }

    @Test
    void a_value_stored_in_another_shape_is_left_to_jacksons_coercions() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(3).packString("type").packInt(42).packString("at").packString("17").packString("extra")
                .packBoolean(true);
        byte[] odd = p.toByteArray();

        assertThat(EngineRecords.decode(odd, StoredError.class)).isSameAs(EngineRecords.NOT_HANDLED);
        assertThat(codec.decode(odd, StoredError.class)).usingRecursiveComparison()
                .isEqualTo(jackson.readValue(odd, StoredError.class));
    }

    /** A job without state. */
    public static final class Stateless implements Job<Void> {
        private static final int CONSTANT = 1;

        @Override
        public Void run(JobContext ctx) {
            return null;
        }
    }

    /** A job with state. */
    public static final class Stateful implements Job<Void> {
        int n = 3;

        @Override
        public Void run(JobContext ctx) {
            return null;
        }
    }

    /** No fields, but a Jackson annotation that adds a property. */
    public static final class Annotated implements Job<Void> {
        @JsonProperty("answer")
        int answer() {
            return 42;
        }

        @Override
        public Void run(JobContext ctx) {
            return null;
        }
    }

    /** A Jackson annotation on an interface that adds a type property to every implementation. */
    @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME)
    public interface Typed {
    }

    /** No fields, but Jackson writes a type property because of its interface. */
    public static final class TypedByInterface implements Job<Void>, Typed {
        @Override
        public Void run(JobContext ctx) {
            return null;
        }
    }

    /** No fields of its own, but its superclass has one. */
    public static final class Inherits extends Base implements Job<Void> {
        @Override
        public Void run(JobContext ctx) {
            return null;
        }
    }

    /** A superclass with state. */
    public static class Base {
        long kept = 7;
    }

    @Test
    void a_job_without_state_is_written_and_read_without_jackson_as_jackson_would() throws Exception {
        StateCodec fresh = new StateCodec();
        Stateless job = new Stateless();
        byte[] blob = fresh.encode(job);

        assertThat(blob).isEqualTo(jackson.writeValueAsBytes(job));
        assertThat(fresh.decode(blob, Stateless.class)).isInstanceOf(Stateless.class);
        byte[] progress = fresh.encode(ProgressRecord.of(new Progress.Count(1, 2)));
        fresh.decode(progress, ProgressRecord.class);
        byte[] error = ErrorBudget.encodeOne(fresh, errors().get(0));
        fresh.decode(error, StoredError.class);
        assertThat(fresh.jacksonCreated()).as("no ObjectMapper for the engine's own records or stateless jobs")
                .isFalse();
    }

    @Test
    void jobs_with_state_fields_inherited_or_added_by_annotations_still_go_through_jackson() throws Exception {
        assertThat(EngineRecords.isStateless(Stateless.class)).isTrue();
        for (Class<?> c : List.of(Stateful.class, Annotated.class, Inherits.class, TypedByInterface.class,
                Progress.Count.class)) {
            assertThat(EngineRecords.isStateless(c)).as(c.getSimpleName()).isFalse();
        }
        assertThat(codec.encode(new Annotated())).isEqualTo(jackson.writeValueAsBytes(new Annotated()))
                .isNotEqualTo(new byte[] {(byte) 0x80});
        assertThat(codec.encode(new Inherits())).isEqualTo(jackson.writeValueAsBytes(new Inherits()));
        assertThat(codec.encode(new TypedByInterface())).isEqualTo(jackson.writeValueAsBytes(new TypedByInterface()))
                .isNotEqualTo(new byte[] {(byte) 0x80});
    }

    @Test
    void a_stateless_job_stored_with_fields_by_an_older_version_still_reads() throws Exception {
        byte[] older = jackson.writeValueAsBytes(new Stateful());
        assertThat(codec.decode(older, Stateless.class)).isInstanceOf(Stateless.class);
    }
}
