package dev.stint.jobs.migration;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;

/** Version 1 of a job type: stores {@code folder} and {@code count}. */
@JobType(name = "test.import", version = 1)
public class ImportJobV1 implements Job<String> {
    String folder;
    int count;

    public ImportJobV1() {
    }

    public ImportJobV1(String folder) {
        this.folder = folder;
    }

    @Override
    public String run(JobContext ctx) {
        throw new IllegalStateException("version 1 never runs in this test");
    }
}
