package dev.stint.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.Library;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Test-only settings go through the SPI's door; the application's builder offers none. */
class TestHooksTest {

    @Test
    void a_crash_point_given_to_the_test_hooks_reaches_the_engine_settings() {
        CrashPoint point = (id, name, kind, step, count) -> false;
        Library.Builder builder = Library.builder(Path.of("unused"));

        assertThat(TestHooks.withCrashPoint(builder, point)).isSameAs(builder);
        assertThat(dev.stint.internal.exec.EngineSettingsProbe.crashPoint(builder)).isSameAs(point);
    }

    @Test
    void a_null_crash_point_is_refused() {
        assertThatThrownBy(() -> TestHooks.withCrashPoint(Library.builder(Path.of("unused")), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("crashPoint");
    }

    @Test
    void the_application_builder_has_no_test_hooks() {
        assertThat(Arrays.stream(Library.Builder.class.getMethods()).map(Method::getName))
                .doesNotContain("crashPoint");
        assertThatThrownBy(() -> Class.forName("dev.stint.ManualClock")).isInstanceOf(ClassNotFoundException.class);
    }
}
