package dev.stint.internal.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * Starts claimed runs, at most each queue's concurrency at a time, and decides how far ahead of its
 * workers a queue may claim.
 *
 * <p>A queue whose runs are short (their average under {@link #SHORT_RUN_NANOS}) claims up to
 * {@code claimAhead} jobs per worker beyond its free workers. Those runs wait here in claim order and start
 * the moment a worker's job code returns, without waiting for any write: under a stream of short jobs the
 * workers never idle while the writer commits, and each commit carries many completions and claims instead
 * of a few. A queue of longer jobs claims only for free workers, as if this did not exist. A run that waits
 * longer than {@link #STALE_WAIT_NANOS} (its queue's runs turned long) is handed back to the queue by the
 * engine, and the queue stops claiming ahead until its runs are short again.
 */
final class RunGate {
    /** Runs shorter than this on average make a queue claim ahead. */
    static final long SHORT_RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** A run claimed ahead that waits this long for a worker goes back to the queue. */
    static final long STALE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** One queue's line of runs claimed ahead, its busy workers and its average run time. */
    private static final class Line {
        final ArrayDeque<RunningJob> waiting = new ArrayDeque<>();
        int executing;
        /** Exponential moving average of run times (weight 1/8), or -1 before the first run. */
        long averageRunNanos = -1;
        boolean staleCheckArmed;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Line> lines = new HashMap<>();
    private final ToIntFunction<String> limit;
    private final int claimAheadPerWorker;
    private final Consumer<RunningJob> starter;
    private final Consumer<String> armStaleCheck;
    /** Elapsed time in nanoseconds ({@link System#nanoTime} but in tests). */
    private final LongSupplier nanoTime;
    private boolean closed;

    /**
     * @param limit a queue's concurrency
     * @param claimAheadPerWorker how many jobs per worker a queue of short runs claims ahead (0: never)
     * @param starter starts a run on a worker of its own
     * @param armStaleCheck arms a check, {@link #STALE_WAIT_NANOS} from now, of a queue's waiting runs
     */
    RunGate(ToIntFunction<String> limit, int claimAheadPerWorker, Consumer<RunningJob> starter,
            Consumer<String> armStaleCheck, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.limit = limit;
        this.claimAheadPerWorker = claimAheadPerWorker;
        this.starter = starter;
        this.armStaleCheck = armStaleCheck;
    }

    /** How many jobs {@code queue} may hold claimed beyond its workers now. */
    int claimAhead(String queue, int concurrency) {
        if (claimAheadPerWorker == 0) {
            return 0;
        }
        lock.lock();
        try {
            Line line = lines.get(queue);
            boolean shortRuns = line != null && line.averageRunNanos >= 0 && line.averageRunNanos < SHORT_RUN_NANOS;
            return shortRuns ? claimAheadPerWorker * concurrency : 0;
        } finally {
            lock.unlock();
        }
    }

    /** Starts a claimed run now if its queue has a free worker, otherwise lines it up behind the others. */
    void offer(RunningJob rj) {
        boolean start = false;
        boolean arm = false;
        lock.lock();
        try {
            Line line = line(rj.queue());
            if (!closed && line.executing < limit.applyAsInt(rj.queue()) && line.waiting.isEmpty()) {
                line.executing++;
                start = true;
            } else {
                rj.linedUp(nanoTime.getAsLong());
                line.waiting.add(rj);
                if (!closed && !line.staleCheckArmed) {
                    line.staleCheckArmed = true;
                    arm = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (start) {
            begin(rj);
        }
        if (arm) {
            armStaleCheck.accept(rj.queue());
        }
    }

    /**
     * A started run's job code has returned (or its run ended, or was abandoned): its worker takes the
     * next waiting run of its queue, if any. Only the first call for a run counts.
     */
    void workerFreed(RunningJob rj) {
        if (!rj.releaseWorker()) {
            return;
        }
        long ran = rj.ranNanos(nanoTime.getAsLong());
        RunningJob next;
        lock.lock();
        try {
            Line line = line(rj.queue());
            line.averageRunNanos = line.averageRunNanos < 0 ? ran : line.averageRunNanos + (ran - line.averageRunNanos) / 8;
            next = closed ? null : line.waiting.poll();
            if (next == null) {
                line.executing--;
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            begin(next);
        }
    }

    private void begin(RunningJob rj) {
        rj.gateStarted(nanoTime.getAsLong());
        starter.accept(rj);
    }

    /** Takes a waiting run out of line; false if it has started (or was never lined up). */
    boolean withdraw(RunningJob rj) {
        lock.lock();
        try {
            Line line = lines.get(rj.queue());
            return line != null && line.waiting.remove(rj);
        } finally {
            lock.unlock();
        }
    }

    /** Takes every waiting run of {@code queue} out of line. */
    List<RunningJob> withdrawAll(String queue) {
        lock.lock();
        try {
            Line line = lines.get(queue);
            if (line == null) {
                return List.of();
            }
            List<RunningJob> out = new ArrayList<>(line.waiting);
            line.waiting.clear();
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes out of line the runs of {@code queue} that have waited too long, and stops the queue claiming
     * ahead until its runs are short again.
     */
    List<RunningJob> withdrawStale(String queue) {
        long now = nanoTime.getAsLong();
        lock.lock();
        try {
            Line line = lines.get(queue);
            if (line == null) {
                return List.of();
            }
            List<RunningJob> out = new ArrayList<>();
            for (Iterator<RunningJob> it = line.waiting.iterator(); it.hasNext(); ) {
                RunningJob rj = it.next();
                if (rj.waitedNanos(now) >= STALE_WAIT_NANOS) {
                    it.remove();
                    out.add(rj);
                }
            }
            if (!out.isEmpty()) {
                line.averageRunNanos = Math.max(line.averageRunNanos, STALE_WAIT_NANOS);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Ends a stale check: true if runs still wait (check again later), false if the line is empty. */
    boolean staleCheckDone(String queue) {
        lock.lock();
        try {
            Line line = lines.get(queue);
            boolean again = line != null && !closed && !line.waiting.isEmpty();
            if (line != null) {
                line.staleCheckArmed = again;
            }
            return again;
        } finally {
            lock.unlock();
        }
    }

    /** Starts nothing more, and takes every waiting run out of line (the library is closing). */
    List<RunningJob> close() {
        lock.lock();
        try {
            closed = true;
            List<RunningJob> out = new ArrayList<>();
            for (Line line : lines.values()) {
                out.addAll(line.waiting);
                line.waiting.clear();
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private Line line(String queue) {
        return lines.computeIfAbsent(queue, q -> new Line());
    }
}
