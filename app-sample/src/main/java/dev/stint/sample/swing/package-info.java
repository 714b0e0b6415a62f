/**
 * The sample's Swing desktop app ({@code stint swing}): the same demo as {@code stint gui} in a Swing window,
 * with buttons that dispatch the demo jobs and a {@link dev.stint.swing.JobsPanel} of the jobs. Loaded only by
 * the {@code swing} command, so the console commands never load Swing.
 */
package dev.stint.sample.swing;
