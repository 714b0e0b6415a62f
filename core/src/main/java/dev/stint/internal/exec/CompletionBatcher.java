package dev.stint.internal.exec;

import dev.stint.StorageException;
import dev.stint.internal.store.GroupCommitWriter;
import dev.stint.internal.store.History;
import dev.stint.internal.store.WriteSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves completed jobs to history in batches. Each finishing job adds its record and waits on its own
 * future; the first record after a flush queues one writer operation, which takes every record queued by
 * the time it runs and moves them all with set-based statements ({@link History#finishCompleted}). So
 * under load many completions share a few statements and one commit instead of one savepoint and two
 * statements each; an idle engine still commits a lone completion at once (no timer, no waiting).
 */
final class CompletionBatcher {
    /** One completion waiting for its batch; {@code announce} runs on the writer thread right after the commit. */
    private record Pending(History.Completed record, RunningJob run, Runnable announce,
            CompletableFuture<Boolean> moved) {
    }

    private final GroupCommitWriter writer;
    private final RunTable runs;
    private final Claims claims;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();

    /**
     * @param claims claims jobs for the slots a batch frees, in the batch's own write
     */
    CompletionBatcher(GroupCommitWriter writer, RunTable runs, Claims claims) {
        this.writer = writer;
        this.runs = runs;
        this.claims = claims;
    }

    /**
     * Queues a completed run's move to history. When the move commits, the run leaves the running set and
     * {@code announce} runs (both on the writer thread, in commit order, before the waiter is told), and the
     * slots it frees are refilled in the same write.
     *
     * @return completes with true once the move is committed, false if the job was no longer running (nothing
     *     written), or exceptionally if the write failed or the library closed
     */
    CompletableFuture<Boolean> submit(History.Completed record, RunningJob run, Runnable announce) {
        Pending pending = new Pending(record, run, announce, new CompletableFuture<>());
        queue.add(pending);
        if (flushQueued.compareAndSet(false, true)) {
            Flush flush = new Flush();
            writer.submit(flush).whenComplete((ignored, failure) -> {
                if (failure != null && !flush.ran) {
                    // the writer refused or dropped the operation (closed or crashed): nothing will flush these
                    failQueued(failure);
                }
            });
        }
        return pending.moved();
    }

    private void failQueued(Throwable failure) {
        flushQueued.set(false);
        Pending p;
        while ((p = queue.poll()) != null) {
            p.moved().completeExceptionally(failure);
        }
    }

    /** The writer operation: everything queued when it runs, in one set of statements. */
    private final class Flush implements dev.stint.internal.store.WriteOp<Void> {
        volatile boolean ran;

        @Override
        public Void apply(WriteSession s) throws Exception {
            ran = true;
            // from here on a new completion queues a new flush: none is left behind
            flushQueued.set(false);
            List<Pending> batch = new ArrayList<>();
            Pending p;
            while ((p = queue.poll()) != null) {
                batch.add(p);
            }
            if (batch.isEmpty()) {
                return null;
            }
            s.onRollback(() -> {
                StorageException failure = new StorageException(
                        "moving " + batch.size() + " completed job(s) to history failed; rolled back", null);
                batch.forEach(b -> b.moved().completeExceptionally(failure));
            });
            List<History.Completed> records = new ArrayList<>(batch.size());
            batch.forEach(b -> records.add(b.record()));
            Set<String> moved = History.finishCompleted(s, records);
            List<RunningJob> finished = new ArrayList<>(moved.size());
            batch.forEach(b -> {
                if (moved.contains(b.record().id())) {
                    finished.add(b.run());
                }
            });
            s.afterCommit(() -> {
                finished.forEach(runs::remove);
                for (Pending b : batch) {
                    boolean ok = moved.contains(b.record().id());
                    if (ok) {
                        b.announce().run();
                    }
                    b.moved().complete(ok);
                }
            });
            // registered after the removal above, so the new runs start once the finished ones are gone
            claims.claimAfterCompletions(s, finished);
            return null;
        }
    }
}
