package dev.stint.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.JobDataTooLargeException.Kind;
import dev.stint.StateRoundTripException;
import dev.stint.TypeRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link StateCodec#encodeChecked} lets through and what it refuses, with what its error says. */
class RoundTripCheckTest {
    private final StateCodec codec = new StateCodec();

    public record Point(int x, int y) {
    }

    public record Tagged(String name, List<Object> tags) {
    }

    /** A class compared by identity: equal when its stored fields are. */
    public static final class Box {
        List<Path> paths = new ArrayList<>();
        Object anything;
        transient Thread notState = Thread.currentThread();
    }

    public interface Shape {
    }

    public static final class Circle implements Shape {
        double radius = 1;
    }

    public static final class Holder {
        Shape shape = new Circle();
    }

    private byte[] step(Object value, java.lang.reflect.Type type) {
        return codec.encodeChecked(value, type, Kind.STEP_RESULT, "j1", "test.job", "step 'discover'");
    }

    private byte[] state(Object job) {
        return codec.encodeChecked(job, job.getClass(), Kind.STATE, "j1", "test.job", null);
    }

    @Test
    void values_that_come_back_as_they_are_pass() {
        step(List.of("a", "b"), List.class);
        step(List.of(Path.of("/tmp/a"), Path.of("rel/b")), new TypeRef<List<Path>>() { }.type());
        step(Map.of("k", List.of(1, 2)), Map.class);
        step(Set.of(new Point(1, 2), new Point(3, 4)), new TypeRef<Set<Point>>() { }.type());
        step(new Point(1, 2), Point.class);
        step(new int[] {1, 2, 3}, int[].class);
        step(Instant.parse("2026-12-06T10:15:30.123456789Z"), Instant.class);
        step(Duration.ofNanos(1), Duration.class);
        step(12345678901L, Long.class);
        step(Map.of(Path.of("/a"), 1), new TypeRef<Map<Path, Integer>>() { }.type());
        Box box = new Box();
        box.paths.add(Path.of("/x"));
        box.anything = List.of("text", 1, true);
        state(box);
    }

    @Test
    void a_list_of_paths_declared_as_a_raw_list_is_refused_naming_the_step_and_both_types() {
        assertThatThrownBy(() -> step(List.of(Path.of("/tmp/a")), List.class))
                .isInstanceOfSatisfying(StateRoundTripException.class, e -> {
                    assertThat(e.where()).isEqualTo("step 'discover'");
                    assertThat(e.path()).isEqualTo("[0]");
                    assertThat(e.declaredType()).isEqualTo("java.util.List");
                    assertThat(e.stored()).startsWith("java.nio.file.Path /tmp/a");
                    assertThat(e.cameBack()).startsWith("java.lang.String \"");
                    assertThat(e.jobId()).contains("j1");
                    assertThat(e.getMessage()).contains("step 'discover' of job 'test.job' j1 would not survive a resume",
                            "new TypeRef<List<...>>() {}");
                });
    }

    @Test
    void a_number_may_come_back_in_another_width_but_not_as_another_number_or_as_text() {
        step(List.of(5L, 0.1f, Long.MAX_VALUE), List.class);   // Integer 5, a Double of the float: the same numbers
        assertThatThrownBy(() -> step(List.of('x'), List.class))
                .isInstanceOfSatisfying(StateRoundTripException.class, e -> {
                    assertThat(e.stored()).isEqualTo("java.lang.Character x");
                    assertThat(e.cameBack()).isEqualTo("java.lang.String \"x\"");
                });
    }

    @Test
    void map_keys_and_set_elements_that_change_class_are_refused() {
        assertThatThrownBy(() -> step(Map.of(Path.of("/a"), 1), Map.class))
                .isInstanceOfSatisfying(StateRoundTripException.class,
                        e -> assertThat(e.stored()).isEqualTo("the key java.nio.file.Path /a"));
        assertThatThrownBy(() -> step(Set.of(Path.of("/a")), Set.class))
                .isInstanceOfSatisfying(StateRoundTripException.class,
                        e -> assertThat(e.stored()).isEqualTo("the element java.nio.file.Path /a"));
    }

    @Test
    void a_field_is_named_with_its_declared_type_and_the_path_inside_it() {
        Box box = new Box();
        box.anything = new Tagged("t", List.of(Path.of("/p")));
        assertThatThrownBy(() -> state(box))
                .isInstanceOfSatisfying(StateRoundTripException.class, e -> {
                    assertThat(e.where()).isEqualTo("field 'anything'");
                    assertThat(e.declaredType()).isEqualTo("java.lang.Object");
                    assertThat(e.stored()).startsWith(Tagged.class.getName());
                    assertThat(e.cameBack()).startsWith("java.util.LinkedHashMap");
                    assertThat(e.getMessage()).contains("Give the field a type that says what it holds");
                });
        Tagged tagged = new Tagged("t", new ArrayList<>(List.of(Path.of("/p"))));
        assertThatThrownBy(() -> codec.encodeChecked(tagged, Tagged.class, Kind.STEP_RESULT, null, "test.job",
                "step 's'"))
                .isInstanceOfSatisfying(StateRoundTripException.class, e -> {
                    assertThat(e.path()).isEqualTo("tags[0]");
                    assertThat(e.stored()).startsWith("java.nio.file.Path");
                });
    }

    @Test
    void a_state_that_cannot_be_decoded_at_all_is_refused_with_the_decoding_error() {
        assertThatThrownBy(() -> state(new Holder()))
                .isInstanceOfSatisfying(StateRoundTripException.class, e -> {
                    assertThat(e.where()).isEqualTo("the state");
                    assertThat(e.declaredType()).isEqualTo(Holder.class.getName());
                    assertThat(e.cameBack()).startsWith("a decoding error (");
                });
    }

    @Test
    void transient_fields_are_not_compared() {
        Box box = new Box();
        box.notState = new Thread(() -> { });
        state(box);
    }

    @Test
    void intermediate_results_must_be_plain_data() {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("done", 3);
        results.put("at", Path.of("/tmp/x"));
        assertThatThrownBy(() -> codec.encodeChecked(results, new TypeRef<Map<String, Object>>() { }.type(),
                Kind.RESULTS, "j1", "test.job", "intermediate results"))
                .isInstanceOfSatisfying(StateRoundTripException.class, e -> {
                    assertThat(e.path()).isEqualTo("[at]");
                    assertThat(e.getMessage()).contains("Intermediate results hold plain data");
                });
    }

    @Test
    void a_relative_path_comes_back_relative() {
        Object back = codec.decode(step(List.of(Path.of("rel/b")), new TypeRef<List<Path>>() { }.type()),
                new TypeRef<List<Path>>() { }.type());
        assertThat(back).isEqualTo(List.of(Path.of("rel/b")));
    }
}
