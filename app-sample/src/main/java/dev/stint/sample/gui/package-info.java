/**
 * The sample's desktop app ({@code stint gui}): a JavaFX window over one library, with buttons that
 * dispatch the demo jobs and a {@link dev.stint.fx.JobsView} of the jobs. Loaded only by the {@code gui}
 * command, so the console commands never load JavaFX.
 */
package dev.stint.sample.gui;
