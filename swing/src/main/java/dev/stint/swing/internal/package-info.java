/**
 * Internals of the Swing adapter: per-frame batching on the event dispatch thread, ETA estimation, texts,
 * record reads and cell rendering. Not an API. (The texts, the ETA estimator, the pending-update value and the
 * buffered listener are the JavaFX adapter's, copied: neither adapter module depends on the other.)
 */
package dev.stint.swing.internal;
