package dev.stint.fx;

import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.fx.internal.JobCells;
import dev.stint.fx.internal.TreeItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A ready table of a library's jobs: one row per job with its name, a progress bar and progress text, its
 * status, the estimated time left, pause / resume / cancel (and retry) buttons, and a note (when it will
 * run, why it resumed, why it failed). A parent job's row expands to show its child jobs.
 *
 * <pre>{@code
 * JobsView view = new JobsView(library);
 * stage.setScene(new Scene(view, 900, 400));
 * ...
 * view.close();   // stops listening; then close the library
 * }</pre>
 *
 * <p>It is a {@link TreeTableView} over {@link FxJobs#roots()}: style it, add columns or listen to its
 * selection like any other. Columns have the ids {@code name}, {@code progress}, {@code status},
 * {@code eta}, {@code actions} and {@code note}; the cells' nodes have the style classes
 * {@code stint-name}, {@code stint-progress}, {@code stint-progress-text}, {@code stint-status} (with a
 * pseudo-class per status: {@code :running}, {@code :paused}, {@code :failed}, ...), {@code stint-eta},
 * {@code stint-note}, and the buttons {@code stint-pause}, {@code stint-resume}, {@code stint-cancel},
 * {@code stint-retry}; each carries its job's id as {@code userData}. The retry button shows only on
 * failed and cancelled jobs, and only when the list has a {@link FxJobs#retryHandlerProperty() retry
 * handler}. Button calls run off the FX thread.
 */
public final class JobsView extends TreeTableView<FxJob> implements AutoCloseable {
    private final FxJobs jobs;
    private final boolean ownsJobs;
    private final List<Object> keepAlive = new ArrayList<>();

    /** A view of the library's jobs, with its own {@link FxJobs}. Create it on the FX thread. */
    public JobsView(Library library) {
        this(new FxJobs(library), true);
    }

    /** A view of an existing list (closing the view leaves the list open). */
    public JobsView(FxJobs jobs) {
        this(jobs, false);
    }

    private JobsView(FxJobs jobs, boolean ownsJobs) {
        super(new TreeItem<>());
        this.jobs = jobs;
        this.ownsJobs = ownsJobs;
        getStyleClass().add("stint-jobs-view");
        getStylesheets().add(JobsView.class.getResource("jobs-view.css").toExternalForm());
        setShowRoot(false);
        setPlaceholder(new Label("No jobs"));
        TreeItems.mirror(getRoot(), jobs.roots(), FxJob::children, keepAlive);
        getColumns().setAll(List.of(nameColumn(), progressColumn(), statusColumn(), etaColumn(), actionsColumn(),
                noteColumn()));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    /** The jobs shown. */
    public FxJobs jobs() {
        return jobs;
    }

    /** Stops following the library, if this view created its {@link FxJobs}. */
    @Override
    public void close() {
        if (ownsJobs) {
            jobs.close();
        }
    }

    private static TreeTableColumn<FxJob, FxJob> column(String id, String title, double width) {
        TreeTableColumn<FxJob, FxJob> column = new TreeTableColumn<>(title);
        column.setId(id);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        return column;
    }

    private static TreeTableColumn<FxJob, FxJob> nameColumn() {
        TreeTableColumn<FxJob, FxJob> column = column("name", "Job", 170);
        column.setCellFactory(c -> {
            Label label = new Label();
            label.getStyleClass().add("stint-name");
            Tooltip tip = new Tooltip();
            label.setTooltip(tip);
            return JobCells.cell(label, job -> {
                label.setText(job.name());
                label.setUserData(job.id());
                tip.setText(job.name() + "\nid " + job.id());
            }, () -> label.setUserData(null));
        });
        return column;
    }

    private static TreeTableColumn<FxJob, FxJob> progressColumn() {
        TreeTableColumn<FxJob, FxJob> column = column("progress", "Progress", 280);
        column.setMinWidth(150);
        column.setCellFactory(c -> {
            ProgressBar bar = new ProgressBar(0);
            bar.getStyleClass().add("stint-progress");
            bar.setPrefWidth(130);
            bar.setMinWidth(60);
            Label text = new Label();
            text.getStyleClass().add("stint-progress-text");
            text.setMinWidth(0);
            HBox box = new HBox(8, bar, text);
            box.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(text, Priority.ALWAYS);
            return JobCells.cell(box, job -> {
                bar.progressProperty().bind(job.progressProperty());
                text.textProperty().bind(job.messageProperty());
                bar.setUserData(job.id());
                text.setUserData(job.id());
            }, () -> {
                bar.progressProperty().unbind();
                text.textProperty().unbind();
            });
        });
        return column;
    }

    private static TreeTableColumn<FxJob, FxJob> statusColumn() {
        TreeTableColumn<FxJob, FxJob> column = column("status", "Status", 100);
        column.setCellFactory(c -> {
            Label label = new Label();
            label.getStyleClass().add("stint-status");
            FxJob[] bound = new FxJob[1];
            ChangeListener<JobStatus> pseudo = (obs, was, now) -> pseudoClass(label, now);
            return JobCells.cell(label, job -> {
                bound[0] = job;
                label.textProperty().bind(job.statusTextProperty());
                label.setUserData(job.id());
                job.statusProperty().addListener(pseudo);
                pseudoClass(label, job.getStatus());
            }, () -> {
                label.textProperty().unbind();
                if (bound[0] != null) {
                    bound[0].statusProperty().removeListener(pseudo);
                    bound[0] = null;
                }
            });
        });
        return column;
    }

    private static void pseudoClass(Label label, JobStatus status) {
        for (JobStatus s : JobStatus.values()) {
            label.pseudoClassStateChanged(PseudoClass.getPseudoClass(s.wireName()), s == status);
        }
    }

    private static TreeTableColumn<FxJob, FxJob> etaColumn() {
        TreeTableColumn<FxJob, FxJob> column = column("eta", "Time left", 90);
        column.setCellFactory(c -> {
            Label label = new Label();
            label.getStyleClass().add("stint-eta");
            return JobCells.cell(label, job -> {
                label.textProperty().bind(job.etaTextProperty());
                label.setUserData(job.id());
            }, () -> label.textProperty().unbind());
        });
        return column;
    }

    private static TreeTableColumn<FxJob, FxJob> actionsColumn() {
        TreeTableColumn<FxJob, FxJob> column = column("actions", "Actions", 262);
        column.setMinWidth(262); // four buttons, never clipped
        column.setCellFactory(c -> {
            Button pause = button("Pause", "stint-pause");
            Button resume = button("Resume", "stint-resume");
            Button cancel = button("Cancel", "stint-cancel");
            Button retry = button("Retry", "stint-retry");
            retry.setVisible(false);
            retry.managedProperty().bind(retry.visibleProperty());
            HBox box = new HBox(4, pause, resume, cancel, retry);
            box.getStyleClass().add("stint-actions");
            box.setAlignment(Pos.CENTER_LEFT);
            return JobCells.cell(box, job -> {
                bindButton(pause, job.pauseCommand());
                bindButton(resume, job.resumeCommand());
                bindButton(cancel, job.cancelCommand());
                bindButton(retry, job.retryCommand());
                // retry shows for failed and cancelled jobs, when the application handles retries
                retry.visibleProperty().bind(Bindings.createBooleanBinding(() -> job.retryHandlerProperty().get() != null
                        && (job.getStatus() == JobStatus.FAILED || job.getStatus() == JobStatus.CANCELLED),
                        job.retryHandlerProperty(), job.statusProperty()));
            }, () -> {
                for (Button b : List.of(pause, resume, cancel, retry)) {
                    JobCommand.unbind(b);
                    b.setUserData(null);
                }
                retry.visibleProperty().unbind();
                retry.setVisible(false);
            });
        });
        return column;
    }

    private static Button button(String text, String styleClass) {
        Button button = new Button(text);
        button.getStyleClass().add(styleClass);
        button.setFocusTraversable(false);
        button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return button;
    }

    private static void bindButton(Button button, JobCommand command) {
        command.bind(button);
        button.setUserData(command.job().id());
        button.setAccessibleText(command.text() + " " + command.job().name() + " "
                + command.job().id().toLowerCase(Locale.ROOT));
    }

    private static TreeTableColumn<FxJob, FxJob> noteColumn() {
        TreeTableColumn<FxJob, FxJob> column = column("note", "Details", 260);
        column.setCellFactory(c -> {
            Label label = new Label();
            label.getStyleClass().add("stint-note");
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(label.textProperty());
            label.setTooltip(tip);
            return JobCells.cell(label, job -> {
                label.textProperty().bind(job.noteProperty());
                label.setUserData(job.id());
            }, () -> label.textProperty().unbind());
        });
        return column;
    }
}
