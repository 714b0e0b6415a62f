/** Internals of the JavaFX adapter: per-pulse batching, ETA estimation, texts and tree cells. Not an API. */
package dev.stint.fx.internal;
