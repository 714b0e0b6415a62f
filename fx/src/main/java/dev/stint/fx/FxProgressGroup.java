package dev.stint.fx;

import dev.stint.GroupProgress;
import dev.stint.JobQuery;
import dev.stint.Library;
import dev.stint.ProgressGroup;
import dev.stint.Subscription;
import java.util.Objects;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * The progress of a group of jobs ({@link Library#progress(JobQuery)}) as JavaFX properties, updated on the
 * FX thread: bind a progress bar to {@link #fractionProperty()} and show "importing album 42" across its
 * 500 jobs as one bar.
 *
 * <pre>{@code
 * FxProgressGroup album = FxProgressGroup.of(library, JobQuery.tagged("album:42"));
 * progressBar.progressProperty().bind(album.fractionProperty());
 * label.textProperty().bind(Bindings.format("%d of %d", album.finishedProperty(), album.jobsProperty()));
 * }</pre>
 *
 * Close it when the view goes away.
 */
public final class FxProgressGroup implements AutoCloseable {
    private final ProgressGroup group;
    private final Subscription subscription;
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(this, "fraction");
    private final ReadOnlyIntegerWrapper jobs = new ReadOnlyIntegerWrapper(this, "jobs");
    private final ReadOnlyIntegerWrapper finished = new ReadOnlyIntegerWrapper(this, "finished");
    private final ReadOnlyIntegerWrapper failed = new ReadOnlyIntegerWrapper(this, "failed");
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done");

    private FxProgressGroup(ProgressGroup group) {
        this.group = group;
        apply(group.current());
        this.subscription = group.subscribe(p -> Platform.runLater(() -> apply(p)));
    }

    /** Follows the jobs {@code query} matches (see {@link ProgressGroup}). Call on the FX thread. */
    public static FxProgressGroup of(Library library, JobQuery query) {
        return new FxProgressGroup(Objects.requireNonNull(library, "library").progress(query));
    }

    private void apply(GroupProgress p) {
        fraction.set(p.fraction());
        jobs.set(p.jobs());
        finished.set(p.finished());
        failed.set(p.failed());
        done.set(p.isDone());
    }

    /** How far the group is, 0 to 1, weighted (see {@link GroupProgress#fraction()}). */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    /** How many jobs the group has. */
    public ReadOnlyIntegerProperty jobsProperty() {
        return jobs.getReadOnlyProperty();
    }

    /** How many have finished (completed, failed or cancelled). */
    public ReadOnlyIntegerProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    /** How many failed or were cancelled. */
    public ReadOnlyIntegerProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** Whether every job has finished. */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    /** Stops following the group. */
    @Override
    public void close() {
        subscription.close();
        group.close();
    }
}
