package dev.stint.fx;

import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.fx.internal.Request;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.control.ButtonBase;

/**
 * A command on one job (pause, resume, cancel or retry) for buttons and menu items: {@link #enabled()}
 * is true only when the command is legal for the job's current status, and {@link #execute()} runs the
 * engine call off the FX thread.
 *
 * <pre>{@code
 * job.pauseCommand().bind(pauseButton);   // disabled unless legal; clicking pauses the job
 * }</pre>
 *
 * <table>
 * <caption>When each command is enabled</caption>
 * <tr><th>command</th><th>enabled while the job is</th></tr>
 * <tr><td>pause</td><td>queued or running, and no pause is pending</td></tr>
 * <tr><td>resume</td><td>paused</td></tr>
 * <tr><td>cancel</td><td>queued, running or paused, and no cancel is pending</td></tr>
 * <tr><td>retry</td><td>failed or cancelled, and a {@link FxJob#retryHandlerProperty() retry handler} is set</td></tr>
 * </table>
 *
 * <p>Every command is also disabled while its own call is under way. Stint has no retry of its own for a
 * finished job (a dispatch stores arguments the public API does not return), so retry hands the job's
 * stored record to the application's handler, which dispatches a new job as it sees fit.
 */
public final class JobCommand {

    /** The four commands. */
    public enum Kind {
        /** {@link dev.stint.Library#pause(String)}. */
        PAUSE("Pause"),
        /** {@link dev.stint.Library#resume(String)}. */
        RESUME("Resume"),
        /** {@link dev.stint.Library#cancel(String)}. */
        CANCEL("Cancel"),
        /** The application's retry handler. */
        RETRY("Retry");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        /** The command's name for a button: {@code Pause}, {@code Resume}, {@code Cancel}, {@code Retry}. */
        public String text() {
            return text;
        }
    }

    private final FxJob job;
    private final Kind kind;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final BooleanBinding enabled;
    private final BooleanBinding disabled;

    JobCommand(FxJob job, Kind kind) {
        this.job = job;
        this.kind = kind;
        this.enabled = Bindings.createBooleanBinding(this::legal, job.statusProperty(), job.requestProperty(),
                job.retryHandlerProperty(), busy);
        this.disabled = enabled.not();
    }

    /** Which command this is. */
    public Kind kind() {
        return kind;
    }

    /** The command's name for a button. */
    public String text() {
        return kind.text();
    }

    /** The job it acts on. */
    public FxJob job() {
        return job;
    }

    /** True while the command is legal for the job's status and not already under way. */
    public BooleanBinding enabled() {
        return enabled;
    }

    /** The negation of {@link #enabled()}, for {@code disableProperty()}. */
    public BooleanBinding disabled() {
        return disabled;
    }

    /** True while this command's engine call runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /**
     * Runs the command: the engine call (a commit to {@code jobs.db}, a few milliseconds) or the retry
     * handler runs on a virtual thread, never on the FX thread. Call it on the FX thread. The future
     * completes on the FX thread after the outcome is shown; a failure (for example the job finished
     * meanwhile) also goes to the job's {@link FxJob#commandErrorHandlerProperty() command error handler}.
     * A pause or cancel of a running job then shows as pending ({@code Pausing…}) until the job stops at
     * its next interruption check.
     *
     * @return a future completed when the call is done; failed with {@link IllegalStateException} and
     *     nothing done if the command is not enabled
     */
    public CompletableFuture<Void> execute() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!enabled.get()) {
            done.completeExceptionally(new IllegalStateException(kind.text() + " is not available for "
                    + job.name() + " " + job.id() + " (" + job.getStatus() + ")"));
            return done;
        }
        busy.set(true);
        long generation = job.statusGeneration();
        JobStatus statusAtCall = job.getStatus();
        Consumer<JobInfo> retryHandler = job.retryHandlerProperty().get();
        Thread.ofVirtual().name("stint-fx-" + kind.text().toLowerCase(java.util.Locale.ROOT)).start(() -> {
            Throwable failure = null;
            try {
                call(retryHandler);
            } catch (Throwable t) {
                failure = t;
            }
            Throwable outcome = failure;
            Platform.runLater(() -> {
                busy.set(false);
                if (outcome == null) {
                    if (statusAtCall == JobStatus.RUNNING && kind == Kind.PAUSE) {
                        job.requestPending(Request.PAUSE, generation);
                    } else if (statusAtCall == JobStatus.RUNNING && kind == Kind.CANCEL) {
                        job.requestPending(Request.CANCEL, generation);
                    }
                    done.complete(null);
                } else {
                    job.reportCommandError(this, outcome);
                    done.completeExceptionally(outcome);
                }
            });
        });
        return done;
    }

    /**
     * Binds a button: its {@code disable} property follows {@link #disabled()} and its action runs
     * {@link #execute()}. {@link #unbind(ButtonBase)} undoes it (for reused cells).
     */
    public void bind(ButtonBase button) {
        button.disableProperty().bind(disabled);
        button.setOnAction(e -> execute());
    }

    /** Undoes {@link #bind(ButtonBase)} on a button (whichever command it was bound to). */
    public static void unbind(ButtonBase button) {
        button.disableProperty().unbind();
        button.setOnAction(null);
    }

    private void call(Consumer<JobInfo> retryHandler) {
        switch (kind) {
            case PAUSE -> job.library().pause(job.id());
            case RESUME -> job.library().resume(job.id());
            case CANCEL -> job.library().cancel(job.id());
            case RETRY -> {
                JobInfo record = job.library().job(job.id()).orElseThrow(() -> new IllegalStateException(
                        "job " + job.id() + " is no longer in the library"));
                retryHandler.accept(record);
            }
        }
    }

    private boolean legal() {
        JobStatus status = job.getStatus();
        if (status == null || busy.get()) {
            return false;
        }
        Request pending = job.requestProperty().get();
        return switch (kind) {
            case PAUSE -> (status == JobStatus.QUEUED || status == JobStatus.RUNNING) && pending == null;
            case RESUME -> status == JobStatus.PAUSED;
            case CANCEL -> !status.isTerminal() && pending != Request.CANCEL;
            case RETRY -> (status == JobStatus.FAILED || status == JobStatus.CANCELLED)
                    && job.retryHandlerProperty().get() != null;
        };
    }
}
