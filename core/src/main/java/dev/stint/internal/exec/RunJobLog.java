package dev.stint.internal.exec;

import dev.stint.JobLog;
import dev.stint.internal.log.JobLogFiles;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/** The {@link JobLog} of one job: slf4j with the job in the MDC, plus the job's log file when enabled. */
final class RunJobLog implements JobLog {
    /** MDC key holding the job id while a job logs. */
    static final String MDC_JOB_ID = "stint.jobId";
    /** MDC key holding the job type name while a job logs. */
    static final String MDC_JOB_NAME = "stint.jobName";

    private final String jobId;
    private final String jobName;
    private final Logger logger;
    private final JobLogFiles files;
    private final InstantSource clock;

    RunJobLog(String jobId, String jobName, JobLogFiles files, InstantSource clock) {
        this.jobId = jobId;
        this.jobName = jobName;
        this.logger = LoggerFactory.getLogger("stint.job." + jobName);
        this.files = files;
        this.clock = clock;
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
        FormattingTuple tuple = MessageFormatter.arrayFormat(message, args);
        String text = tuple.getMessage();
        Throwable t = tuple.getThrowable();
        String previousId = MDC.get(MDC_JOB_ID);
        String previousName = MDC.get(MDC_JOB_NAME);
        MDC.put(MDC_JOB_ID, jobId);
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
            files.append(jobId, clock.instant(), level, t == null ? text : text + " (" + t + ")");
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
