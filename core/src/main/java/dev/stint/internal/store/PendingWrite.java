package dev.stint.internal.store;

import java.util.concurrent.CompletableFuture;

/** A write operation queued for the writer, with the future its caller waits on. */
record PendingWrite<T>(WriteOp<T> op, CompletableFuture<T> future) {
}
