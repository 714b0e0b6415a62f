package dev.stint.swing;

import java.awt.Component;
import javax.swing.JProgressBar;
import javax.swing.JTable;
import javax.swing.UIManager;
import javax.swing.table.TableCellRenderer;

/**
 * Draws a {@link SwingJob} as a progress bar with its progress text ({@link SwingJob#getMessage()}) written on
 * it: the cell renderer of {@link JobsTableModel#PROGRESS_COLUMN}.
 *
 * <pre>{@code
 * table.setDefaultRenderer(SwingJob.class, new JobProgressRenderer());
 * }</pre>
 *
 * <p>Progress of unknown extent ({@link SwingJob#INDETERMINATE}) shows as an empty bar with the job's text (a
 * renderer is a stamp: an animated bar would not move). Use it on the EDT.
 */
public final class JobProgressRenderer implements TableCellRenderer {
    /** The bar's scale: progress is shown in thousandths. */
    static final int SCALE = 1000;

    private final JProgressBar bar = new JProgressBar(0, SCALE);

    /** A renderer with its own bar. */
    public JobProgressRenderer() {
        bar.setStringPainted(true);
        bar.setBorderPainted(false);
        bar.setOpaque(true);
    }

    @Override
    public Component getTableCellRendererComponent(JTable table, Object value, boolean isSelected, boolean hasFocus,
            int row, int column) {
        if (value instanceof SwingJob job) {
            double p = job.getProgress();
            bar.setValue(p < 0 ? 0 : (int) Math.round(Math.min(1.0, p) * SCALE));
            bar.setString(job.getMessage());
            bar.setToolTipText(job.getMessage().isEmpty() ? null : job.getMessage());
        } else {
            bar.setValue(0);
            bar.setString("");
            bar.setToolTipText(null);
        }
        bar.setBackground(isSelected ? table.getSelectionBackground() : table.getBackground());
        if (bar.getBackground() == null) {
            bar.setBackground(UIManager.getColor("Table.background"));
        }
        return bar;
    }
}
