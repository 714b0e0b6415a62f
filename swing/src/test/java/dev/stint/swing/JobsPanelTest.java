package dev.stint.swing;

import static dev.stint.swing.Edt.edt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobStatus;
import dev.stint.Library;
import java.awt.Component;
import java.awt.Container;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JProgressBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ready panel (headless: no window): its buttons follow the selected job, its renderer draws progress. */
class JobsPanelTest {

    @TempDir
    Path dir;

    @Test
    void theButtonsActOnTheSelectedJobAndAreEnabledOnlyWhenLegal() {
        try (Library library = TestJobs.open(dir, true)) {
            String gate = TestJobs.gate("panel");
            String running = library.dispatch(new TestJobs.GateJob(gate)).id();
            String paused = library.dispatch(new TestJobs.GateJob(gate)).id();
            library.pause(paused);
            JobsPanel panel = edt(() -> new JobsPanel(library));
            Edt.until("both rows show", () -> panel.model().getRowCount() == 2
                    && panel.model().find(running).orElseThrow().getStatus() == JobStatus.RUNNING
                    && panel.model().find(paused).orElseThrow().getStatus() == JobStatus.PAUSED);
            JButton pause = edt(() -> button(panel, "pause"));
            JButton resume = edt(() -> button(panel, "resume"));
            JButton cancel = edt(() -> button(panel, "cancel"));
            JButton retry = edt(() -> button(panel, "retry"));
            assertThat(edt(() -> List.of(pause.isEnabled(), resume.isEnabled(), cancel.isEnabled(), retry.isEnabled())))
                    .as("nothing selected").containsOnly(false);

            Edt.run(() -> panel.select(panel.model().find(running).orElseThrow()));
            Edt.until("a running job: pause and cancel", () -> pause.isEnabled() && !resume.isEnabled()
                    && cancel.isEnabled() && !retry.isEnabled());
            Edt.run(() -> panel.select(panel.model().find(paused).orElseThrow()));
            Edt.until("a paused job: resume and cancel", () -> !pause.isEnabled() && resume.isEnabled()
                    && cancel.isEnabled() && !retry.isEnabled());

            Edt.run(resume::doClick); // as a click does
            Edt.until("the selected job resumed", () -> panel.model().find(paused).orElseThrow().getStatus()
                    == JobStatus.RUNNING && pause.isEnabled() && !resume.isEnabled());
            Edt.run(cancel::doClick);
            Edt.until("the selected job cancelled", () -> panel.model().find(paused).orElseThrow().getStatus()
                    == JobStatus.CANCELLED && !pause.isEnabled() && !cancel.isEnabled() && !retry.isEnabled());
            Edt.run(() -> panel.model().setRetryHandler(info -> library.dispatch(new TestJobs.GateJob(gate))));
            Edt.until("retry is offered for the cancelled job", retry::isEnabled);
            Edt.run(retry::doClick);
            Edt.until("the retried job is a new row", () -> panel.model().getRowCount() == 3);

            Edt.run(() -> panel.table().clearSelection());
            Edt.until("no selection: all disabled", () -> !pause.isEnabled() && !resume.isEnabled()
                    && !cancel.isEnabled() && !retry.isEnabled());
            TestJobs.open(gate);
            Edt.until("done", () -> panel.model().find(running).orElseThrow().getStatus() == JobStatus.COMPLETED);
            Edt.run(panel::close);
        }
    }

    @Test
    void theProgressColumnDrawsABarWithTheProgressText() throws Exception {
        try (Library library = TestJobs.open(dir, true)) {
            String id = library.dispatch(new TestJobs.ChattyJob()).id();
            library.handle(id).orElseThrow().result().get(30, java.util.concurrent.TimeUnit.SECONDS);
            JobsPanel panel = edt(() -> new JobsPanel(library));
            JProgressBar bar = edt(() -> (JProgressBar) panel.table().prepareRenderer(
                    panel.table().getCellRenderer(0, JobsTableModel.PROGRESS_COLUMN), 0, JobsTableModel.PROGRESS_COLUMN));
            assertThat(edt(bar::getString)).isEqualTo("1000000 / 1000000");
            assertThat(edt(bar::getPercentComplete)).isEqualTo(1.0);
            assertThat(edt(() -> panel.table().getValueAt(0, JobsTableModel.STATUS_COLUMN))).isEqualTo("Completed");
            Edt.run(panel::close);
        }
    }

    private static JButton button(Container root, String name) {
        List<Component> all = new ArrayList<>();
        collect(root, all);
        return (JButton) all.stream().filter(c -> name.equals(c.getName())).findFirst().orElseThrow();
    }

    private static void collect(Container c, List<Component> into) {
        for (Component child : c.getComponents()) {
            into.add(child);
            if (child instanceof Container inner) {
                collect(inner, into);
            }
        }
    }
}
