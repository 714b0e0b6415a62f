/**
 * Stint's public API: open a {@link dev.stint.Library}, define jobs ({@link dev.stint.Job},
 * {@link dev.stint.JobType}), dispatch them, and follow them through {@link dev.stint.JobHandle}s and
 * {@link dev.stint.JobEvent}s. Job code talks to the engine through {@link dev.stint.JobContext}.
 */
package dev.stint;
