package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.Library;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder names a setting it refuses, and the library opens with the settings given by name. */
class BuilderSettingsTest {
    @TempDir
    Path dir;

    @Test
    void a_value_out_of_range_is_refused_naming_the_setting() {
        Library.Builder builder = Library.builder(dir);
        assertThatThrownBy(() -> builder.concurrency(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concurrency");
        assertThatThrownBy(() -> builder.progressInterval(Duration.ZERO)).hasMessageContaining("progressInterval");
        assertThatThrownBy(() -> builder.shutdownTimeout(Duration.ofSeconds(-1))).hasMessageContaining("shutdownTimeout");
        assertThatThrownBy(() -> builder.claimAhead(5000)).hasMessageContaining("claimAhead");
        assertThatThrownBy(() -> builder.queue("thumbs", 0)).hasMessageContaining("queue thumbs");
        assertThatThrownBy(() -> builder.historyRetention(Duration.ofDays(1), -1)).hasMessageContaining("maxCount");
    }

    @Test
    void the_library_opens_with_the_settings_given() throws Exception {
        try (Library library = TestLibraries.builder(dir).concurrency(3).queue("thumbs", 2).open()) {
            assertThat(library.queues()).extracting(q -> q.name() + "=" + q.concurrency())
                    .containsExactly("default=3", "thumbs=2");
        }
    }
}
