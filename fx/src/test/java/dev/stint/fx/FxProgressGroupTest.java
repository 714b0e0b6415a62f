package dev.stint.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.DispatchOptions;
import dev.stint.JobQuery;
import dev.stint.Library;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FxProgressGroup}: a group's progress as properties, updated on the FX thread, ending done. */
class FxProgressGroupTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @Test
    void a_bar_bound_to_the_group_moves_and_ends_full() throws Exception {
        try (Library library = TestJobs.open(dir, true)) {
            String gate = TestJobs.gate("group");
            DispatchOptions album = DispatchOptions.defaults().withTags("album:1");
            library.dispatch(new TestJobs.GateJob(gate), album);
            library.dispatch(new TestJobs.GateJob(gate), album.withWeight(3));
            FxProgressGroup group = Fx.fx(() -> FxProgressGroup.of(library, JobQuery.tagged("album:1")));
            assertThat(Fx.fx(() -> group.jobsProperty().get())).isEqualTo(2);
            javafx.scene.control.ProgressBar bar = Fx.fx(() -> {
                javafx.scene.control.ProgressBar b = new javafx.scene.control.ProgressBar();
                b.progressProperty().bind(group.fractionProperty());
                return b;
            });
            Fx.until("the bar moves", () -> bar.getProgress() > 0.1);
            TestJobs.open(gate);
            Fx.until("the group is done", () -> group.doneProperty().get());
            assertThat(Fx.fx(bar::getProgress)).isEqualTo(1.0);
            assertThat(Fx.fx(() -> group.finishedProperty().get())).isEqualTo(2);
            Fx.run(group::close);
        }
    }
}
