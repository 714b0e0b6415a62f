package dev.stint.swing;

import dev.stint.Library;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.SwingConstants;
import javax.swing.event.TableModelEvent;
import javax.swing.table.DefaultTableCellRenderer;
import javax.swing.table.TableColumnModel;

/**
 * A ready panel of a library's jobs: a table with one row per job (its name, a progress bar with the
 * progress text, its status, the estimated time left and a note: when it will run, why it resumed, why it
 * failed), and Pause, Resume, Cancel and Retry buttons that act on the selected job and are enabled only
 * when legal for it.
 *
 * <pre>{@code
 * JobsPanel panel = new JobsPanel(library);
 * frame.add(panel);
 * ...
 * panel.close();   // stops listening; then close the library
 * }</pre>
 *
 * <p>The table is a plain {@link JTable} over a {@link JobsTableModel} ({@link #table()}, {@link #model()}):
 * add columns, sort or listen to its selection like any other. The buttons' actions ({@link #pauseAction()}
 * and its siblings) follow the selection; put them in menus or toolbars too. The retry button is enabled on
 * failed and cancelled jobs when the model has a {@link JobsTableModel#setRetryHandler retry handler}.
 * Components have names for tests and accessibility tools: {@code jobs-table}, {@code pause},
 * {@code resume}, {@code cancel}, {@code retry}. Create and use it on the event dispatch thread; the actions'
 * calls run off it.
 */
public final class JobsPanel extends JPanel implements AutoCloseable {
    private static final long serialVersionUID = 1L;

    private final transient JobsTableModel model;
    private final boolean ownsModel;
    private final JTable table;
    private final JobAction pause = new JobAction(JobAction.Kind.PAUSE);
    private final JobAction resume = new JobAction(JobAction.Kind.RESUME);
    private final JobAction cancel = new JobAction(JobAction.Kind.CANCEL);
    private final JobAction retry = new JobAction(JobAction.Kind.RETRY);

    /** A panel of the library's jobs, with its own {@link JobsTableModel}. EDT. */
    public JobsPanel(Library library) {
        this(new JobsTableModel(library), true);
    }

    /** A panel of an existing model (closing the panel leaves the model open). EDT. */
    public JobsPanel(JobsTableModel model) {
        this(model, false);
    }

    private JobsPanel(JobsTableModel model, boolean ownsModel) {
        super(new BorderLayout(0, 6));
        this.model = model;
        this.ownsModel = ownsModel;
        this.table = new JTable(model);
        table.setName("jobs-table");
        table.setFillsViewportHeight(true);
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setRowHeight(Math.max(table.getRowHeight(), 24));
        table.setDefaultRenderer(SwingJob.class, new JobProgressRenderer());
        table.getTableHeader().setReorderingAllowed(false);
        DefaultTableCellRenderer text = new DefaultTableCellRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void setValue(Object value) {
                super.setValue(value);
                String s = value == null ? "" : value.toString();
                setToolTipText(s.isEmpty() ? null : s); // a long note is readable in full
            }
        };
        table.setDefaultRenderer(String.class, text);
        TableColumnModel columns = table.getColumnModel();
        int[] widths = {210, 260, 100, 80, 320};
        for (int i = 0; i < widths.length; i++) {
            columns.getColumn(i).setPreferredWidth(widths[i]);
            columns.getColumn(i).setWidth(widths[i]); // the table spreads extra room in these proportions
        }
        columns.getColumn(JobsTableModel.PROGRESS_COLUMN).setMinWidth(120);

        table.getSelectionModel().addListSelectionListener(e -> followSelection());
        model.addTableModelListener(e -> {
            if (e.getType() != TableModelEvent.UPDATE) {
                followSelection();
            }
        });

        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
        buttons.add(new JLabel("Selected job:", SwingConstants.LEFT));
        for (JobAction action : List.of(pause, resume, cancel, retry)) {
            JButton button = new JButton(action);
            button.setName(action.kind().name().toLowerCase(java.util.Locale.ROOT));
            buttons.add(button);
        }
        add(new JScrollPane(table), BorderLayout.CENTER);
        add(buttons, BorderLayout.SOUTH);
        setBorder(BorderFactory.createEmptyBorder(0, 0, 4, 0));
    }

    /** The table. */
    public JTable table() {
        return table;
    }

    /** The model shown. */
    public JobsTableModel model() {
        return model;
    }

    /** The job of the selected row, or null. */
    public SwingJob selectedJob() {
        int row = table.getSelectedRow();
        return row < 0 ? null : model.getJob(table.convertRowIndexToModel(row));
    }

    /** Selects a job's row (and scrolls to it); false if it has no row. */
    public boolean select(SwingJob job) {
        int row = model.rowOf(job);
        if (row < 0) {
            return false;
        }
        int viewRow = table.convertRowIndexToView(row);
        table.getSelectionModel().setSelectionInterval(viewRow, viewRow);
        table.scrollRectToVisible(table.getCellRect(viewRow, 0, true));
        return true;
    }

    /** Pauses the selected job. */
    public JobAction pauseAction() {
        return pause;
    }

    /** Resumes the selected job. */
    public JobAction resumeAction() {
        return resume;
    }

    /** Cancels the selected job. */
    public JobAction cancelAction() {
        return cancel;
    }

    /** Retries the selected job through the model's retry handler. */
    public JobAction retryAction() {
        return retry;
    }

    /** Stops following the library, if this panel created its model. */
    @Override
    public void close() {
        for (JobAction action : List.of(pause, resume, cancel, retry)) {
            action.setJob(null);
        }
        if (ownsModel) {
            model.close();
        }
    }

    private void followSelection() {
        SwingJob job = selectedJob();
        for (JobAction action : List.of(pause, resume, cancel, retry)) {
            action.setJob(job);
        }
    }
}
