package dev.stint;

/**
 * How much one job may log through {@link JobContext#log()} (WASM extension jobs' {@code log} host function
 * included), set with {@link Library.Builder#logBudget(LogBudget)}. A line is counted when it goes somewhere
 * (a debug line with debug logging off costs nothing). A line over {@link #maxLineChars()} is cut and marked;
 * a line over any other limit is dropped and counted: the first drop of a run is logged as a warning, and
 * when the run ends the count is logged ({@code N log messages dropped}) and recorded as one non-critical
 * error of the job. Nothing is dropped without a count.
 *
 * @param linesPerRun the most lines one run of a job logs (0 silences the job)
 * @param linesPerJob the most lines a job logs over all its runs (resumes and retries), stored with the job so
 *     that a pause, a restart of the library or a retry does not reset it
 * @param maxLineChars the longest line kept, in characters; longer ones are cut and end with
 *     {@code ... (N more characters dropped)}
 * @param linesPerSecond the rate a job's lines are let through once its burst is spent (a token bucket)
 * @param burst how many lines a job may log at once before the rate applies
 */
public record LogBudget(long linesPerRun, long linesPerJob, int maxLineChars, int linesPerSecond, int burst) {

    /** Validates every limit, naming the one out of range. */
    public LogBudget {
        check(linesPerRun >= 0, "linesPerRun must be >= 0, was " + linesPerRun);
        check(linesPerJob >= 0, "linesPerJob must be >= 0, was " + linesPerJob);
        check(maxLineChars >= 1, "maxLineChars must be >= 1, was " + maxLineChars);
        check(linesPerSecond >= 1, "linesPerSecond must be >= 1, was " + linesPerSecond);
        check(burst >= 1, "burst must be >= 1, was " + burst);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The default: 1,000 lines per run, 10,000 per job, 8,192 characters per line, 100 lines per second after
     * a burst of 500. So one run writes at most about 8 MiB of log text, and no faster than a person can
     * scroll once its burst is spent; see {@code docs/writing-jobs.md} for the reasoning.
     */
    public static LogBudget defaults() {
        return new LogBudget(1_000, 10_000, 8 * 1024, 100, 500);
    }

    /** No limit at all: every line is kept whole. For trusted jobs whose logging the application bounds itself. */
    public static LogBudget unlimited() {
        return new LogBudget(Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** This budget with another cap of lines per run. */
    public LogBudget withLinesPerRun(long lines) {
        return new LogBudget(lines, linesPerJob, maxLineChars, linesPerSecond, burst);
    }

    /** This budget with another cap of lines per job. */
    public LogBudget withLinesPerJob(long lines) {
        return new LogBudget(linesPerRun, lines, maxLineChars, linesPerSecond, burst);
    }

    /** This budget with another longest line, in characters. */
    public LogBudget withMaxLineChars(int chars) {
        return new LogBudget(linesPerRun, linesPerJob, chars, linesPerSecond, burst);
    }

    /** This budget with another rate: {@code linesPerSecond} once a burst of {@code burst} lines is spent. */
    public LogBudget withRate(int linesPerSecond, int burst) {
        return new LogBudget(linesPerRun, linesPerJob, maxLineChars, linesPerSecond, burst);
    }
}
