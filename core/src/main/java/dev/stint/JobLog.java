package dev.stint;

/**
 * A job's own log, from {@link JobContext#log()}. Lines go to slf4j (logger {@code stint.job.<name>}) with
 * the job's id and name in the MDC ({@code stint.jobId}, {@code stint.jobName}), and, when the library
 * enables job log files ({@link Library.Builder#jobLogFiles(long)}), also to a size-capped file per job in
 * the library folder, removed with the job's history record. Messages use slf4j's {@code {}} placeholders.
 *
 * <p>Each job logs within the library's {@link LogBudget} ({@link Library.Builder#logBudget(LogBudget)}): lines
 * over it are dropped and counted (reported when the run ends as a warning and one non-critical error), long
 * lines are cut, and control characters (other than line feed and tab) are written as visible {@code \}{@code
 * uXXXX}. Never throws because of the budget.
 */
public interface JobLog {

    /** Logs at debug level. */
    void debug(String message, Object... args);

    /** Logs at info level. */
    void info(String message, Object... args);

    /** Logs at warn level. */
    void warn(String message, Object... args);

    /** Logs at error level; a trailing {@link Throwable} argument is logged with its stack trace. */
    void error(String message, Object... args);
}
