/**
 * Stint for JavaFX: observable properties for a job ({@link dev.stint.fx.FxJob}), an observable list of a
 * library's jobs ({@link dev.stint.fx.FxJobs}), bindable pause, resume, cancel and retry commands
 * ({@link dev.stint.fx.JobCommand}), a ready control ({@link dev.stint.fx.JobsView}) and a feed of the
 * user's input for idle conditions ({@link dev.stint.fx.UserActivity}).
 *
 * <p>Exports only {@code dev.stint.fx}; {@code dev.stint.fx.internal} is private.
 */
module dev.stint.fx {
    requires transitive dev.stint.core;
    requires transitive javafx.controls;

    exports dev.stint.fx;
}
