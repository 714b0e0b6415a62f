package dev.stint.bench.compare;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Quartz's no-op job: its job data holds {@code n}. */
public class QuartzNoopJob implements Job {

    /** Quartz instantiates the job class by its no-argument constructor. */
    public QuartzNoopJob() {
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobProbe.started(context.getMergedJobDataMap().getLong("n"));
    }
}
