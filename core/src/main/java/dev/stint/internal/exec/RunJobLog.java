package dev.stint.internal.exec;

import dev.stint.JobLog;
import dev.stint.internal.log.JobLogFiles;
import dev.stint.internal.log.LineBudget;
import dev.stint.internal.log.LogText;
import java.time.InstantSource;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/**
 * The {@link JobLog} of one run: slf4j with the job in the MDC, plus the job's log file when enabled, within
 * the run's {@link LineBudget}. A line that goes nowhere (debug with debug logging off) costs nothing; any
 * other line takes one from the budget or is dropped and counted. Lines are cut to the budget's length and
 * their control characters escaped ({@link LogText}). The lines let through are added to the job's stored
 * count every {@value #SAVE_EVERY} lines and when the run ends ({@link #finish()}), which also reports what
 * was dropped.
 */
final class RunJobLog implements JobLog {
    /** MDC key holding the job id while a job logs. */
    static final String MDC_JOB_ID = "stint.jobId";
    /** MDC key holding the job type name while a job logs. */
    static final String MDC_JOB_NAME = "stint.jobName";
    /** Lines let through between two additions to the job's stored count (what a crash may leave uncounted). */
    static final int SAVE_EVERY = 100;

    private final String jobId;
    private final String safeId;
    private final String jobName;
    private final Logger logger;
    private final JobLogFiles files;
    private final InstantSource clock;
    private final LineBudget budget;
    private final LongConsumer saveLines;

    /**
     * @param saveLines adds lines to the job's stored count (a write that is not waited for)
     */
    RunJobLog(String jobId, String jobName, JobLogFiles files, InstantSource clock, LineBudget budget,
            LongConsumer saveLines) {
        this.jobId = jobId;
        this.safeId = LogText.escape(jobId);
        this.jobName = LogText.escape(jobName);
        this.logger = LoggerFactory.getLogger("stint.job." + this.jobName);
        this.files = files;
        this.clock = clock;
        this.budget = budget;
        this.saveLines = saveLines;
    }

    @Override
    public void debug(String message, Object... args) {
        log("DEBUG", message, args);
    }

    @Override
    public void info(String message, Object... args) {
        log("INFO", message, args);
    }

    @Override
    public void warn(String message, Object... args) {
        log("WARN", message, args);
    }

    @Override
    public void error(String message, Object... args) {
        log("ERROR", message, args);
    }

    private void log(String level, String message, Object[] args) {
        boolean toFile = files != null && (!"DEBUG".equals(level) || logger.isDebugEnabled());
        if (!toFile && !enabled(level)) {
            return;
        }
        LineBudget.Decision decision = budget.take();
        if (!decision.allowed()) {
            if (decision.firstDrop()) {
                LineBudget.Refusal r = decision.refusal();
                emit("WARN", "job " + safeId + " spent its log budget (" + budget.limitOf(r) + " " + r.limit()
                        + "): its further lines in this run are dropped and counted", null);
            }
            return;
        }
        FormattingTuple tuple = MessageFormatter.arrayFormat(message, args);
        emit(level, LogText.escape(budget.cut(tuple.getMessage())), tuple.getThrowable());
        if (budget.unsaved() >= SAVE_EVERY) {
            save(budget.takeUnsaved());
        }
    }

    /**
     * The run is over: adds its last lines to the job's stored count and, if lines were dropped, logs how many
     * (one warning) and returns that report for the job's errors.
     *
     * @return {@code N log messages dropped (...)}, or null if nothing was dropped
     */
    String finish() {
        save(budget.takeUnsaved());
        String report = budget.droppedReport();
        if (report != null) {
            emit("WARN", "job " + safeId + ": " + report, null);
        }
        return report;
    }

    private void save(long lines) {
        if (lines > 0) {
            saveLines.accept(lines);
        }
    }

    private boolean enabled(String level) {
        return switch (level) {
            case "DEBUG" -> logger.isDebugEnabled();
            case "INFO" -> logger.isInfoEnabled();
            case "WARN" -> logger.isWarnEnabled();
            default -> logger.isErrorEnabled();
        };
    }

    private void emit(String level, String text, Throwable t) {
        String previousId = MDC.get(MDC_JOB_ID);
        String previousName = MDC.get(MDC_JOB_NAME);
        MDC.put(MDC_JOB_ID, safeId);
        MDC.put(MDC_JOB_NAME, jobName);
        try {
            switch (level) {
                case "DEBUG" -> logger.debug(text, t);
                case "INFO" -> logger.info(text, t);
                case "WARN" -> logger.warn(text, t);
                default -> logger.error(text, t);
            }
        } finally {
            restore(MDC_JOB_ID, previousId);
            restore(MDC_JOB_NAME, previousName);
        }
        if (files != null && (!"DEBUG".equals(level) || logger.isDebugEnabled())) {
            String line = t == null ? text : LogText.escape(budget.cut(text + " (" + t + ")"));
            files.append(jobId, clock.instant(), level, line);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
