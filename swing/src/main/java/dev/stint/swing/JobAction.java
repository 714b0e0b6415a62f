package dev.stint.swing;

import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.swing.internal.Request;
import java.awt.EventQueue;
import java.awt.event.ActionEvent;
import java.beans.PropertyChangeListener;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;

/**
 * An {@link Action} on one job (pause, resume, cancel or retry) for buttons and menu items: it is enabled
 * only when legal for the job's current status, and performing it runs the engine call off the event
 * dispatch thread (EDT).
 *
 * <pre>{@code
 * JButton pause = new JButton(job.pauseAction());   // disabled unless legal; a click pauses the job
 * }</pre>
 *
 * <p>An action either belongs to one job ({@link SwingJob#pauseAction()} and its siblings) or follows a job
 * that changes, such as the selected row of a table ({@link #JobAction(Kind)}, then {@link #setJob}); with
 * no job it is disabled.
 *
 * <table>
 * <caption>When each action is enabled</caption>
 * <tr><th>action</th><th>enabled while the job is</th></tr>
 * <tr><td>pause</td><td>queued or running, and no pause is pending</td></tr>
 * <tr><td>resume</td><td>paused</td></tr>
 * <tr><td>cancel</td><td>queued, running or paused, and no cancel is pending</td></tr>
 * <tr><td>retry</td><td>failed or cancelled, and a {@link SwingJob#getRetryHandler() retry handler} is set</td></tr>
 * </table>
 *
 * <p>It is also disabled while its own call for that job is under way. Stint has no retry of its own for a
 * finished job (a dispatch stores arguments the public API does not return), so retry hands the job's
 * stored record to the application's handler, which dispatches a new job as it sees fit. Use it on the EDT.
 */
public final class JobAction extends AbstractAction {
    private static final long serialVersionUID = 1L;

    /** The four actions. */
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

        /** The action's name for a button: {@code Pause}, {@code Resume}, {@code Cancel}, {@code Retry}. */
        public String text() {
            return text;
        }
    }

    private final Kind kind;
    private final transient PropertyChangeListener follow = e -> refresh();
    private transient SwingJob job;

    /** An action of this kind that follows no job yet (disabled until {@link #setJob}). */
    public JobAction(Kind kind) {
        super(kind.text());
        this.kind = kind;
        putValue(ACTION_COMMAND_KEY, kind.name().toLowerCase(Locale.ROOT));
        refresh();
    }

    /** An action of this kind on {@code job}. EDT. */
    public JobAction(Kind kind, SwingJob job) {
        this(kind);
        setJob(job);
    }

    /** Which action this is. */
    public Kind kind() {
        return kind;
    }

    /** The job it acts on, or null. */
    public SwingJob getJob() {
        return job;
    }

    /** Makes the action act on {@code job} (null: none, disabled) and follow its status. EDT. */
    public void setJob(SwingJob job) {
        if (this.job == job) {
            return;
        }
        if (this.job != null) {
            this.job.removePropertyChangeListener(follow);
        }
        this.job = job;
        if (job != null) {
            job.addPropertyChangeListener(follow);
        }
        refresh();
    }

    @Override
    public void actionPerformed(ActionEvent e) {
        execute();
    }

    /**
     * Performs the action: the engine call (a commit to {@code jobs.db}, a few milliseconds) or the retry
     * handler runs on a virtual thread, never on the EDT. Call it on the EDT. The future completes on the EDT
     * after the outcome is shown; a failure (for example the job finished meanwhile) also goes to the job's
     * command error handler ({@link SwingJob#setCommandErrorHandler}, or the model's). A pause or cancel of a
     * running job then shows as pending ({@code Pausing…}) until the job stops at its next interruption
     * check.
     *
     * @return a future completed when the call is done; failed with {@link IllegalStateException} and nothing
     *     done if the action is not enabled
     */
    public CompletableFuture<Void> execute() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        SwingJob target = job;
        if (target == null || !target.allows(kind)) {
            done.completeExceptionally(new IllegalStateException(kind.text() + " is not available for "
                    + (target == null ? "no job" : target.name() + " " + target.id() + " (" + target.getStatus() + ")")));
            return done;
        }
        target.setBusy(kind, true);
        long generation = target.statusGeneration();
        JobStatus statusAtCall = target.getStatus();
        Consumer<JobInfo> retryHandler = target.getRetryHandler();
        Thread.ofVirtual().name("stint-swing-" + kind.name().toLowerCase(Locale.ROOT)).start(() -> {
            Throwable failure = null;
            try {
                call(target, retryHandler);
            } catch (Throwable t) {
                failure = t;
            }
            Throwable outcome = failure;
            EventQueue.invokeLater(() -> {
                target.setBusy(kind, false);
                if (outcome == null) {
                    if (statusAtCall == JobStatus.RUNNING && kind == Kind.PAUSE) {
                        target.requestPending(Request.PAUSE, generation);
                    } else if (statusAtCall == JobStatus.RUNNING && kind == Kind.CANCEL) {
                        target.requestPending(Request.CANCEL, generation);
                    }
                    done.complete(null);
                } else {
                    target.reportCommandError(this, outcome);
                    done.completeExceptionally(outcome);
                }
            });
        });
        return done;
    }

    private void call(SwingJob target, Consumer<JobInfo> retryHandler) {
        switch (kind) {
            case PAUSE -> target.library().pause(target.id());
            case RESUME -> target.library().resume(target.id());
            case CANCEL -> target.library().cancel(target.id());
            case RETRY -> {
                JobInfo record = target.library().job(target.id()).orElseThrow(() -> new IllegalStateException(
                        "job " + target.id() + " is no longer in the library"));
                retryHandler.accept(record);
            }
        }
    }

    private void refresh() {
        SwingJob j = job;
        setEnabled(j != null && j.allows(kind));
        putValue(SHORT_DESCRIPTION, j == null ? kind.text() : kind.text() + " " + j.name() + " " + j.id());
    }
}
