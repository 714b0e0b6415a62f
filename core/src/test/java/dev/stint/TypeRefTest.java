package dev.stint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeRefTest {

    @SuppressWarnings("rawtypes")
    private static final class Raw extends TypeRef {
    }

    private static <T> TypeRef<List<T>> listOf() {
        return new TypeRef<List<T>>() { };
    }

    private static <T> TypeRef<T> variable() {
        return new TypeRef<T>() { };
    }

    @Test
    void captures_the_full_generic_type() {
        TypeRef<Map<String, List<Path>>> ref = new TypeRef<>() { };
        assertThat(ref.type().getTypeName()).isEqualTo("java.util.Map<java.lang.String, java.util.List<java.nio.file.Path>>");
        assertThat(ref.rawType()).isEqualTo(Map.class);
        assertThat(ref).hasToString("java.util.Map<java.lang.String, java.util.List<java.nio.file.Path>>");
    }

    @Test
    void equal_when_the_types_are() {
        assertThat(new TypeRef<List<Path>>() { }).isEqualTo(new TypeRef<List<Path>>() { })
                .hasSameHashCodeAs(new TypeRef<List<Path>>() { })
                .isNotEqualTo(new TypeRef<List<String>>() { });
        assertThat(TypeRef.of(Integer.class)).isEqualTo(new TypeRef<Integer>() { });
        assertThat(TypeRef.of(String[].class).rawType()).isEqualTo(String[].class);
    }

    @Test
    void refuses_a_raw_subclass_and_a_bare_type_variable() {
        assertThatThrownBy(Raw::new).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("new TypeRef<List<Path>>() {}");
        assertThatThrownBy(TypeRefTest::variable).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type variable T");
        assertThat(listOf().rawType()).isEqualTo(List.class); // a variable inside a type is the caller's business
    }
}
