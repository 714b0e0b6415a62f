package dev.stint.internal.log;

import dev.stint.LogBudget;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What one run of a job may still log under its {@link LogBudget}: lines left in the run and in the job (the
 * job's earlier runs are read once, lazily, on the first line), and a token bucket for the rate. Counts what it
 * refuses, by reason, so that nothing is dropped without a count. Thread-safe (a job's thread and a WASM
 * module's thread may log at once); each call holds a lock for a few arithmetic steps only.
 */
public final class LineBudget {
    /** Why a line was refused. */
    public enum Refusal {
        /** The run logged {@link LogBudget#linesPerRun()} lines. */
        RUN_CAP("lines per run"),
        /** The job logged {@link LogBudget#linesPerJob()} lines over its runs. */
        JOB_CAP("lines per job"),
        /** The job logged faster than {@link LogBudget#linesPerSecond()} once its burst was spent. */
        RATE("lines per second");

        private final String limit;

        Refusal(String limit) {
            this.limit = limit;
        }

        /** The name of the limit, as in {@code 1000 lines per run}. */
        public String limit() {
            return limit;
        }
    }

    /** What {@link #take()} decided: whether the line goes out, and if not, whether it is the run's first drop. */
    public record Decision(Refusal refusal, boolean firstDrop) {
        static final Decision ALLOWED = new Decision(null, false);

        /** Whether the line goes out. */
        public boolean allowed() {
            return refusal == null;
        }
    }

    private final LogBudget budget;
    private final LongSupplier earlierRuns;
    private final LongSupplier nanoTime;
    private long jobBase = -1; // lines of earlier runs, read on the first line
    private long lines; // lines let through in this run
    private long unsaved; // of which not yet added to the stored count
    private long dropped;
    private final long[] droppedBy = new long[Refusal.values().length];
    private double tokens;
    private long refilledAt;

    /**
     * @param budget the limits
     * @param earlierRuns the lines the job logged in earlier runs (read once, on the first line)
     * @param nanoTime a monotonic clock in nanoseconds ({@link System#nanoTime} outside tests)
     */
    public LineBudget(LogBudget budget, LongSupplier earlierRuns, LongSupplier nanoTime) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.earlierRuns = Objects.requireNonNull(earlierRuns, "earlierRuns");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.tokens = budget.burst();
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Takes one line from the budget, or counts it as dropped. */
    public Decision take() {
        // the earlier runs' count is read outside the lock: it may wait for the database
        long base = baseKnown() ? 0 : Math.max(0, earlierRuns.getAsLong());
        return take(base);
    }

    private synchronized boolean baseKnown() {
        return jobBase >= 0;
    }

    private synchronized Decision take(long base) {
        if (jobBase < 0) {
            jobBase = base;
        }
        Refusal refusal = null;
        if (lines >= budget.linesPerRun()) {
            refusal = Refusal.RUN_CAP;
        } else if (jobBase + lines >= budget.linesPerJob()) {
            refusal = Refusal.JOB_CAP;
        } else if (!tokenTaken()) {
            refusal = Refusal.RATE;
        }
        if (refusal == null) {
            lines++;
            unsaved++;
            return Decision.ALLOWED;
        }
        dropped++;
        droppedBy[refusal.ordinal()]++;
        return new Decision(refusal, dropped == 1);
    }

    private boolean tokenTaken() {
        long now = nanoTime.getAsLong();
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(budget.burst(), tokens + elapsed * (budget.linesPerSecond() / 1e9));
            refilledAt = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** {@code text} cut to {@link LogBudget#maxLineChars()} characters (a surrogate pair is kept whole) and marked. */
    public String cut(String text) {
        int max = budget.maxLineChars();
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "... (" + (text.length() - end) + " more characters dropped)";
    }

    /** Lines let through since the last call, to add to the job's stored count; resets that number. */
    public synchronized long takeUnsaved() {
        long n = unsaved;
        unsaved = 0;
        return n;
    }

    /** Lines let through not yet taken by {@link #takeUnsaved()}. */
    public synchronized long unsaved() {
        return unsaved;
    }

    /** Lines this run dropped. */
    public synchronized long dropped() {
        return dropped;
    }

    /**
     * What was dropped, for the report at the end of a run: {@code 1200 log messages dropped (900 over the
     * limit of 1000 lines per run, 300 over the limit of 100 lines per second)}; null if nothing was.
     */
    public synchronized String droppedReport() {
        if (dropped == 0) {
            return null;
        }
        StringBuilder b = new StringBuilder().append(dropped).append(" log messages dropped (");
        String sep = "";
        for (Refusal r : Refusal.values()) {
            long n = droppedBy[r.ordinal()];
            if (n > 0) {
                b.append(sep).append(n).append(" over the limit of ").append(limitOf(r)).append(' ').append(r.limit());
                sep = ", ";
            }
        }
        return b.append(")").toString();
    }

    /** The limit a refusal names, as a number. */
    public long limitOf(Refusal r) {
        return switch (r) {
            case RUN_CAP -> budget.linesPerRun();
            case JOB_CAP -> budget.linesPerJob();
            case RATE -> budget.linesPerSecond();
        };
    }
}
