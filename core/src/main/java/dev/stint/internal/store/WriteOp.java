package dev.stint.internal.store;

/**
 * One unit of work for the {@link GroupCommitWriter}: it runs on the writer thread inside a shared
 * transaction, under its own savepoint, so a failure rolls back this operation alone.
 *
 * @param <T> what the operation returns once its transaction has committed
 */
@FunctionalInterface
public interface WriteOp<T> {

    /** Performs the writes. Throwing rolls back this operation's savepoint and fails its future. */
    T apply(WriteSession session) throws Exception;
}
