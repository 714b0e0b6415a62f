/**
 * Stint for Swing.
 *
 * <ul>
 *   <li>{@link dev.stint.swing.SwingJob}: one job as bound properties (progress, text, status, ETA, counts,
 *       errors), updated on the event dispatch thread at most once per frame;</li>
 *   <li>{@link dev.stint.swing.JobsTableModel}: the library's active and recent jobs as a table model, kept in
 *       sync with engine events;</li>
 *   <li>{@link dev.stint.swing.JobAction}: pause, resume, cancel and retry as {@link javax.swing.Action}s,
 *       enabled only when legal;</li>
 *   <li>{@link dev.stint.swing.JobProgressRenderer}: a job's progress bar in a table cell;</li>
 *   <li>{@link dev.stint.swing.JobsPanel}: a ready table of the jobs with buttons.</li>
 * </ul>
 *
 * <p>See {@code docs/swing.md}.
 */
package dev.stint.swing;
