/**
 * Stint for Swing: bound properties for a job delivered on the event dispatch thread
 * ({@link dev.stint.swing.SwingJob}), a table model of a library's jobs ({@link dev.stint.swing.JobsTableModel}),
 * pause, resume, cancel and retry actions ({@link dev.stint.swing.JobAction}) and a ready panel
 * ({@link dev.stint.swing.JobsPanel}).
 *
 * <p>Exports only {@code dev.stint.swing}; {@code dev.stint.swing.internal} is private.
 */
module dev.stint.swing {
    requires transitive dev.stint.core;
    requires transitive java.desktop;

    exports dev.stint.swing;
}
