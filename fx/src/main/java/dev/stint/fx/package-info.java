/**
 * Stint for JavaFX.
 *
 * <ul>
 *   <li>{@link dev.stint.fx.FxJob}: one job as observable properties (progress, text, status, ETA, counts,
 *       errors), updated on the FX thread at most once per pulse;</li>
 *   <li>{@link dev.stint.fx.FxJobs}: the library's active and recent jobs as an observable list, kept in
 *       sync with engine events, grouped by parent;</li>
 *   <li>{@link dev.stint.fx.JobCommand}: pause, resume, cancel and retry, enabled only when legal;</li>
 *   <li>{@link dev.stint.fx.JobsView}: a ready tree table of the jobs with buttons;</li>
 *   <li>{@link dev.stint.fx.UserActivity}: a scene's user input, throttled, for {@code userIdleFor} conditions.</li>
 * </ul>
 *
 * <p>See {@code docs/javafx.md}.
 */
package dev.stint.fx;
