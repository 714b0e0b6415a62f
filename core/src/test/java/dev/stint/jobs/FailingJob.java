package dev.stint.jobs;

import dev.stint.CriticalJobException;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;

/** Reports two non-critical errors, then fails critically. */
@JobType(name = "test.failing")
public class FailingJob implements Job<Void> {
    String why = "disk on fire";

    @Override
    public Void run(JobContext ctx) {
        ctx.reportNonCriticalError("skipped a.txt");
        ctx.reportNonCriticalError("skipped b.txt", new java.io.IOException("locked"));
        throw new CriticalJobException(why);
    }
}
