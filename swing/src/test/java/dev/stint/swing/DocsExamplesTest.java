package dev.stint.swing;

import static dev.stint.swing.Edt.edt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobStatus;
import dev.stint.Library;
import java.nio.file.Path;
import javax.swing.JButton;
import javax.swing.JInternalFrame;
import javax.swing.JLabel;
import javax.swing.JProgressBar;
import javax.swing.JTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets of docs/swing.md, compiled and run (headless: a panel stands in for the window). */
class DocsExamplesTest {

    @TempDir
    Path dir;

    @Test
    void oneJob() {
        try (Library library = TestJobs.open(dir, true)) {
            String gate = TestJobs.gate("docs-one");
            String id = library.dispatch(new TestJobs.GateJob(gate)).id();
            JProgressBar bar = edt(JProgressBar::new);
            JLabel status = edt(JLabel::new);
            JButton pause = edt(JButton::new);
            SwingJob swingJob = edt(() -> {
                // --- docs/swing.md: one job
                SwingJob job = SwingJob.of(library, id);   // on the EDT: its properties are filled in at once
                Runnable show = () -> {
                    bar.setValue((int) Math.round(Math.max(0, job.getProgress()) * 100));
                    status.setText(job.getStatusText());
                };
                show.run();
                job.addPropertyChangeListener(SwingJob.PROGRESS, e -> show.run());
                job.addPropertyChangeListener(SwingJob.STATUS_TEXT, e -> show.run());
                pause.setAction(job.pauseAction());   // disabled unless legal; a click pauses the job
                // ---
                return job;
            });
            Edt.until("the bar follows the job", () -> bar.getValue() > 0 && status.getText().equals("Running")
                    && pause.isEnabled());
            assertThat(edt(pause::getText)).isEqualTo("Pause");
            Edt.run(pause::doClick);
            Edt.until("paused", () -> status.getText().equals("Paused") && !pause.isEnabled());
            swingJob.close();
        }
    }

    @Test
    void allJobsAndTheReadyPanel() {
        try (Library library = TestJobs.open(dir, true)) {
            String gate = TestJobs.gate("docs-all");
            JTable shownTable = edt(() -> {
                // --- docs/swing.md: JobsTableModel
                JobsTableModel jobs = new JobsTableModel(library);
                JTable table = new JTable(jobs);
                table.setDefaultRenderer(SwingJob.class, new JobProgressRenderer());
                jobs.setRetryHandler(failed -> library.dispatch(failed.name(), "{}"));
                // ---
                return table;
            });
            // a window needs a display: an internal frame (headless-friendly) has the same content pane
            JInternalFrame frame = edt(JInternalFrame::new);
            JobsPanel shown = edt(() -> {
                // --- docs/swing.md: JobsPanel
                JobsPanel panel = new JobsPanel(library);
                frame.getContentPane().add(panel);
                // ---
                return panel;
            });
            String id = library.dispatch(new TestJobs.GateJob(gate)).id();
            Edt.until("a running row in both", () -> shown.model().find(id).map(SwingJob::getStatus).orElse(null)
                    == JobStatus.RUNNING && shownTable.getRowCount() == 1
                    && shownTable.getValueAt(0, JobsTableModel.STATUS_COLUMN).equals("Running"));
            TestJobs.open(gate);
            Edt.until("done", () -> shown.model().find(id).orElseThrow().getStatus() == JobStatus.COMPLETED);
            assertThat(edt(() -> shown.getParent().getParent())).isNotNull();
            Edt.run(() -> {
                // --- docs/swing.md: JobsPanel (closing)
                shown.close();
                // ---
                ((JobsTableModel) shownTable.getModel()).close();
            });
        }
    }
}
